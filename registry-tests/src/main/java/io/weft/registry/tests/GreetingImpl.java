package io.weft.registry.tests;

/** Greets and tells which provider it is. */
public final class GreetingImpl implements Greeting {
    private final String name;

    public GreetingImpl(String name) {
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
