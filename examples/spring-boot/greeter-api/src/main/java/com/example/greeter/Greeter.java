package com.example.greeter;

/** The service the provider offers and the consumer calls. */
public interface Greeter {
    String greet(String name);
}
