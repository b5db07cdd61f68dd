package io.weft.registry.tests;

/** The service the discovery tests call. */
public interface Greeting {
    String greet(String name);

    /** Which provider answered. */
    String who();
}
