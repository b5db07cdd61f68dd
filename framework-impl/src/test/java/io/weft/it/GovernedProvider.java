package io.weft.it;

import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.internal.governance.FakeRuleSource;
import io.weft.internal.governance.Governance;
import io.weft.internal.governance.ProviderGovernance;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** An EchoService provider on loopback whose governance rules come from a {@link FakeRuleSource}. */
final class GovernedProvider implements AutoCloseable {
    static final String SERVICE = EchoService.class.getName();

    final FakeRuleSource rules;
    final Governance governance;
    final EchoServiceImpl impl;
    final Weft weft;
    /** What the provider takes for the number of live providers of the service. */
    final AtomicInteger liveProviders = new AtomicInteger(1);

    GovernedProvider(FakeRuleSource rules) {
        this(rules, new String[0]);
    }

    /** @param settings further configuration, as key, value, key, value… */
    GovernedProvider(FakeRuleSource rules, String... settings) {
        this.rules = rules;
        this.governance = new Governance(rules, service -> { });
        this.impl = new EchoServiceImpl("p");
        AtomicReference<String> self = new AtomicReference<>("?");
        Map<String, String> config = new HashMap<>(Map.of(WeftConfig.SERVER_PORT, "0",
                WeftConfig.SERVER_HOST, "127.0.0.1", WeftConfig.APPLICATION, "echo-provider"));
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        this.weft = Weft.builder(WeftConfig.of(config))
                .serverInterceptor(new ProviderGovernance(governance, self::get, s -> liveProviders.get(), null))
                .build();
        weft.export(EchoService.class, impl);
        self.set(address());
        governance.rules(SERVICE); // watch from export on, as a provider does

    }

    GovernedProvider() {
        this(new FakeRuleSource());
    }

    /** {@code 127.0.0.1:port}, as the provider advertises itself. */
    String address() {
        return Nodes.address(weft);
    }

    int port() {
        return weft.serverAddress().orElseThrow().getPort();
    }

    void put(String kind, String json) {
        rules.put(SERVICE, kind, json);
    }

    void remove(String kind) {
        rules.remove(SERVICE, kind);
    }

    @Override
    public void close() {
        weft.close();
        governance.close();
    }
}
