package io.weft.registry.support;

import io.weft.WeftConfig;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs {@link WeftConfig#unknownKeyWarnings()} as warnings, each at most once per process however many
 * {@code Weft}s or consoles start (DESIGN §7: a typo must not pass silently, nor flood the log).
 * Thread-safe. Internal; public for the console.
 */
public final class UnknownKeys {
    private static final Logger log = LoggerFactory.getLogger(UnknownKeys.class);
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private UnknownKeys() {
    }

    /** Warns about each unknown key of {@code config} not reported before; returns how many it warned about. */
    public static int reportOnce(WeftConfig config) {
        int warned = 0;
        for (String warning : config.unknownKeyWarnings()) {
            if (REPORTED.add(warning)) {
                log.warn("{}", warning);
                warned++;
            }
        }
        return warned;
    }
}
