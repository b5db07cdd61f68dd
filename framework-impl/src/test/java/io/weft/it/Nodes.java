package io.weft.it;

import io.weft.ReferenceOptions;
import io.weft.Weft;
import io.weft.WeftConfig;
import java.util.HashMap;
import java.util.Map;

/** Starts providers and consumers on loopback, free ports, no registry. */
final class Nodes {
    private Nodes() {}

    static Weft provider(EchoService impl, String... settings) {
        Map<String, String> values = new HashMap<>();
        values.put(WeftConfig.SERVER_PORT, "0");
        values.put(WeftConfig.SERVER_HOST, "127.0.0.1");
        values.put(WeftConfig.APPLICATION, "echo-provider");
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        Weft weft = Weft.create(WeftConfig.of(values));
        weft.export(EchoService.class, impl);
        return weft;
    }

    static Weft consumer(String... settings) {
        Map<String, String> values = new HashMap<>();
        values.put(WeftConfig.APPLICATION, "echo-consumer");
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        return Weft.create(WeftConfig.of(values));
    }

    static String address(Weft provider) {
        return "127.0.0.1:" + provider.serverAddress().orElseThrow().getPort();
    }

    static EchoService stub(Weft consumer, Weft... providers) {
        ReferenceOptions.Builder options = ReferenceOptions.builder();
        for (Weft p : providers) {
            options.directAddress(address(p));
        }
        return consumer.reference(EchoService.class, options.build());
    }
}
