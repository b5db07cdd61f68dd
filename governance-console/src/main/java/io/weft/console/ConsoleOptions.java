package io.weft.console;

import io.weft.WeftConfig;
import io.weft.registry.support.ServiceHealth;
import java.security.SecureRandom;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * How a {@link GovernanceConsole} listens and whom it lets in.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1}
 * @param port the port to bind, {@code 0}: any free port
 * @param password the admin password; never empty
 * @param passwordGenerated whether {@code password} was generated because none was configured
 * @param staleAfter a provider status older than this counts as health 0 (3 × the 5 s status interval)
 * @param historyStep the charts' resolution: one service sample per step, at most one instance sample
 *     per step (the last heartbeat in it); default 5 s, the status interval
 * @param historyRetention how far back the charts reach (kept in memory); default one hour
 * @param usersFile where users and API tokens are kept (JSON, bcrypt/SHA-256 hashes only); null: in memory,
 *     with the one admin {@code admin} whose password is {@code password}. With a file, {@code password}
 *     creates the first admin {@code admin} when the file has no admin yet, and is ignored afterwards
 * @param tlsCert PEM certificate chain to serve HTTPS with (with {@code tlsKey}); null: plain HTTP
 * @param tlsKey PEM PKCS#8 private key of {@code tlsCert}; null: plain HTTP
 * @param trustedProxies CIDRs of proxies whose {@code X-Forwarded-For} names the client; empty: none
 */
public record ConsoleOptions(String host, int port, String password, boolean passwordGenerated,
                             Duration staleAfter, Duration historyStep, Duration historyRetention,
                             Path usersFile, Path tlsCert, Path tlsKey, List<String> trustedProxies) {
    /** The configuration key of the admin password ({@code WEFT_CONSOLE_PASSWORD} in the environment). */
    public static final String PASSWORD = "weft.console.password";
    /** The default {@link #staleAfter}: three status intervals of 5 s. */
    public static final Duration DEFAULT_STALE_AFTER = ServiceHealth.DEFAULT_STALE_AFTER;
    /** The default {@link #historyStep}: the 5 s status interval. */
    public static final Duration DEFAULT_HISTORY_STEP = Duration.ofSeconds(5);
    /** The default {@link #historyRetention}: one hour. */
    public static final Duration DEFAULT_HISTORY_RETENTION = Duration.ofHours(1);

    public ConsoleOptions {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the console password must not be empty");
        }
        if (historyStep.toMillis() <= 0 || historyRetention.compareTo(historyStep) < 0
                || historyRetention.toMillis() / historyStep.toMillis() > 100_000) {
            throw new IllegalArgumentException("history: need 0 < step <= retention and at most 100000 steps, got step "
                    + historyStep + ", retention " + historyRetention);
        }
    }

    /** Options with the default history (5 s steps, one hour). */
    public ConsoleOptions(String host, int port, String password, boolean passwordGenerated, Duration staleAfter) {
        this(host, port, password, passwordGenerated, staleAfter, DEFAULT_HISTORY_STEP, DEFAULT_HISTORY_RETENTION,
                null, null, null, List.of());
    }

    /** A copy that keeps users and tokens in {@code file} (null: in memory). */
    public ConsoleOptions withUsersFile(Path file) {
        return new ConsoleOptions(host, port, password, passwordGenerated, staleAfter, historyStep, historyRetention,
                file, tlsCert, tlsKey, trustedProxies);
    }

    /** A copy that serves HTTPS with the PEM {@code cert} chain and PKCS#8 {@code key}. */
    public ConsoleOptions withTls(Path cert, Path key) {
        return new ConsoleOptions(host, port, password, passwordGenerated, staleAfter, historyStep, historyRetention,
                usersFile, cert, key, trustedProxies);
    }

    /** A copy that believes {@code X-Forwarded-For} from peers within {@code cidrs}. */
    public ConsoleOptions withTrustedProxies(List<String> cidrs) {
        return new ConsoleOptions(host, port, password, passwordGenerated, staleAfter, historyStep, historyRetention,
                usersFile, tlsCert, tlsKey, cidrs);
    }

    /** A copy that keeps {@code retention} of history in steps of {@code step}. */
    public ConsoleOptions withHistory(Duration step, Duration retention) {
        return new ConsoleOptions(host, port, password, passwordGenerated, staleAfter, step, retention,
                usersFile, tlsCert, tlsKey, trustedProxies);
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
