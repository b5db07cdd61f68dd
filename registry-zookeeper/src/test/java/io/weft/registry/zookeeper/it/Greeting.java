package io.weft.registry.zookeeper.it;

/** The service the discovery tests call. */
public interface Greeting {
    String greet(String name);

    /** Which provider answered. */
    String who();
}
