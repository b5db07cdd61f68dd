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
        return provider(EchoService.class, impl, "echo-provider", settings);
    }

    /** A provider of {@code service} on 127.0.0.1, a free port, with {@code settings} (key, value…) on top. */
    static <T> Weft provider(Class<T> service, T impl, String application, String... settings) {
        Weft weft = Weft.create(config(Map.of(WeftConfig.SERVER_PORT, "0", WeftConfig.SERVER_HOST, "127.0.0.1",
                WeftConfig.APPLICATION, application), settings));
        weft.export(service, impl);
        return weft;
    }

    static Weft consumer(String... settings) {
        return Weft.create(config(Map.of(WeftConfig.APPLICATION, "echo-consumer"), settings));
    }

    private static WeftConfig config(Map<String, String> defaults, String... settings) {
        Map<String, String> values = new HashMap<>(defaults);
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        return WeftConfig.of(values);
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
