package io.weft;

/** Prints what {@link WeftConfig#load()} sees; run in a child JVM by {@link WeftConfigEnvironmentIT}. */
public final class ConfigProbe {
    private ConfigProbe() {}

    public static void main(String[] args) {
        WeftConfig c = WeftConfig.load();
        System.out.println("address=" + c.registryAddress().map(Object::toString).orElse("-"));
        System.out.println("timeout=" + c.clientTimeout().toMillis());
        System.out.println("application=" + c.application().orElse("-"));
        System.out.println("extension=" + c.get("weft.registry.session-timeout-ms").orElse("-"));
    }
}
