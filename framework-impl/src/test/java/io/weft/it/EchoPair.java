package io.weft.it;

import io.weft.Weft;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link EchoService} provider and one consumer on loopback, no registry, for a whole test class:
 * register it on a static field; both close after the class.
 */
final class EchoPair implements BeforeAllCallback, AfterAllCallback {
    private final EchoService impl;
    private final String[] providerSettings;
    private Weft provider;
    private Weft consumer;
    private EchoService echo;

    /** @param providerSettings the provider's configuration on top of {@link Nodes#provider}'s (key, value…) */
    EchoPair(EchoService impl, String... providerSettings) {
        this.impl = impl;
        this.providerSettings = providerSettings;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        provider = Nodes.provider(impl, providerSettings);
        consumer = Nodes.consumer();
        echo = Nodes.stub(consumer, provider);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        consumer.close();
        provider.close();
    }

    Weft provider() {
        return provider;
    }

    Weft consumer() {
        return consumer;
    }

    /** The consumer's reference to the provider. */
    EchoService echo() {
        return echo;
    }
}
