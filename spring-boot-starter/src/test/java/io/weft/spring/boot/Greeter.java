package io.weft.spring.boot;

/** The service the tests export and call. */
public interface Greeter {
    String greet(String name);
}
