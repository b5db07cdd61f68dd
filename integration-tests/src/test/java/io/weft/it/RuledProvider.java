package io.weft.it;

import io.weft.ExportOptions;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.test.WeftExtension;
import java.util.Arrays;
import java.util.List;

/**
 * An EchoService provider (application {@code echo-provider}) registered in a {@link WeftExtension}'s real
 * registry, whose governance rules are written to that registry and awaited until applied.
 */
final class RuledProvider implements AutoCloseable {
    static final String SERVICE = EchoService.class.getName();
    private static final List<String> KINDS = List.of("routing", "throttling", "faults", "security");

    private final WeftExtension registry;
    final EchoServiceImpl impl = new EchoServiceImpl("p");
    final Weft weft;

    /** @param settings further configuration, as key, value, key, value… */
    RuledProvider(WeftExtension registry, String... settings) {
        this.registry = registry;
        String[] all = Arrays.copyOf(new String[] {WeftConfig.APPLICATION, "echo-provider"}, 2 + settings.length);
        System.arraycopy(settings, 0, all, 2, settings.length);
        this.weft = registry.export(EchoService.class, impl, ExportOptions.defaults(), all);
    }

    /** {@code 127.0.0.1:port}, as the provider advertises itself. */
    String address() {
        return Nodes.address(weft);
    }

    int port() {
        return weft.serverAddress().orElseThrow().getPort();
    }

    /** Writes a valid rule of {@code kind} for the service and waits until every instance applied it. */
    void put(String kind, String json) {
        registry.awaitApplied(SERVICE, kind, registry.putRule(SERVICE, kind, json));
    }

    /** Deletes rule {@code kind} and waits until no instance runs one. */
    void remove(String kind) {
        registry.deleteRule(SERVICE, kind);
        registry.awaitApplied(SERVICE, kind, 0);
    }

    /** Stops the provider and deletes the service's rules, so that the next test starts without any. */
    @Override
    public void close() {
        weft.close();
        KINDS.forEach(kind -> registry.deleteRule(SERVICE, kind));
    }
}
