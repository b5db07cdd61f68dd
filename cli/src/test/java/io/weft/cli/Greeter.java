package io.weft.cli;

import java.util.List;

/** A demo-like service for the {@code weft call} tests. */
public interface Greeter {
    String greet(String name);

    /** The value of one metadata key of the call, or null. */
    String metadata(String key);

    /** A record argument and result. */
    Order order(Order order);

    String sleep(long millis) throws InterruptedException;

    record Order(String id, List<String> items, int quantity) {}
}
