package io.weft.registry.zookeeper.it;

/** Greets and tells which provider it is. */
final class GreetingImpl implements Greeting {
    private final String name;

    GreetingImpl(String name) {
        this.name = name;
    }

    @Override
    public String greet(String n) {
        return "Hello, " + n;
    }

    @Override
    public String who() {
        return name;
    }
}
