package io.weft.console;

import io.weft.WeftConfig;
import io.weft.registry.support.ServiceHealth;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * How a {@link GovernanceConsole} listens and whom it lets in.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1}
 * @param port the port to bind, {@code 0}: any free port
 * @param password the admin password; never empty
 * @param passwordGenerated whether {@code password} was generated because none was configured
 * @param staleAfter a provider status older than this counts as health 0 (3 × the 5 s status interval)
 */
public record ConsoleOptions(String host, int port, String password, boolean passwordGenerated,
                             Duration staleAfter) {
    /** The configuration key of the admin password ({@code WEFT_CONSOLE_PASSWORD} in the environment). */
    public static final String PASSWORD = "weft.console.password";
    /** The default {@link #staleAfter}: three status intervals of 5 s. */
    public static final Duration DEFAULT_STALE_AFTER = ServiceHealth.DEFAULT_STALE_AFTER;

    public ConsoleOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the console password must not be empty");
        }
    }

    /**
     * Options with the password from {@code weft.console.password} in {@code config}, or a random one
     * ({@link #passwordGenerated()}) when it is not set.
     */
    public static ConsoleOptions fromConfig(WeftConfig config, String host, int port) {
        Optional<String> configured = config.get(PASSWORD).filter(p -> !p.isEmpty());
        return new ConsoleOptions(host, port, configured.orElseGet(ConsoleOptions::randomPassword),
                configured.isEmpty(), DEFAULT_STALE_AFTER);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "ConsoleOptions[host=" + host + ", port=" + port + ", password=(hidden), staleAfter=" + staleAfter + "]";
    }
}
