package io.weft.it;

import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.Weft;
import io.weft.WeftConfig;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** Runs calls and reports their statuses, for tests that count outcomes. */
final class Outcomes {
    private Outcomes() {}

    /** The status a call ends with: OK, or its {@link RpcException}'s. */
    static Status of(Runnable call) {
        try {
            call.run();
            return Status.OK;
        } catch (RpcException e) {
            return e.status();
        }
    }

    /** Runs {@code call} {@code n} times in a row and counts the statuses. */
    static Map<Status, Integer> count(int n, Runnable call) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (int i = 0; i < n; i++) {
            counts.merge(of(call), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * A consumer calling as application {@code app}, sending {@code :token} when {@code token} is not
     * null — over plaintext, which these tests allow explicitly.
     */
    static Weft consumer(String app, String token) {
        Map<String, String> config = new HashMap<>();
        config.put(WeftConfig.APPLICATION, app);
        config.put("weft.client.token.allow-plaintext", "true");
        if (token != null) {
            config.put("weft.security.token", token);
        }
        return Weft.create(WeftConfig.of(config));
    }

    static EchoService stub(Weft consumer, GovernedProvider... providers) {
        ReferenceOptions.Builder options = ReferenceOptions.builder();
        for (GovernedProvider p : providers) {
            options.directAddress(p.address());
        }
        return consumer.reference(EchoService.class, options.build());
    }
}
