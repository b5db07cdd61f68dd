package io.weft.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's one admin account: password check, sessions (random tokens kept in memory) with a
 * CSRF token each, and a small per-address limit on failed logins. Thread-safe.
 */
final class ConsoleAuth {
    static final int MAX_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);
    static final Duration SESSION_IDLE = Duration.ofHours(8);

    private final byte[] passwordHash;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    /** A logged-in session: its cookie token and the CSRF token every write must carry. */
    record Session(String token, String csrfToken, long lastUsedMillis) {
        Session touched(long now) {
            return new Session(token, csrfToken, now);
        }
    }

    /** The answer to a login attempt. */
    sealed interface LoginResult {
        record Success(Session session) implements LoginResult {}

        record WrongPassword() implements LoginResult {}

        record Throttled(Duration retryAfter) implements LoginResult {}
    }

    ConsoleAuth(String password, Clock clock) {
        this.passwordHash = sha256(password);
        this.clock = clock;
    }

    /** Checks {@code password} for a client at {@code remote}; too many recent failures refuse it unchecked. */
    LoginResult login(String remote, String password) {
        long now = clock.millis();
        Deque<Long> recent = failures.computeIfAbsent(remote, r -> new ArrayDeque<>());
        synchronized (recent) {
            while (!recent.isEmpty() && recent.peekFirst() <= now - FAILURE_WINDOW.toMillis()) {
                recent.pollFirst();
            }
            if (recent.size() >= MAX_FAILURES) {
                return new LoginResult.Throttled(Duration.ofMillis(recent.peekFirst() + FAILURE_WINDOW.toMillis() - now));
            }
            if (password == null || !MessageDigest.isEqual(passwordHash, sha256(password))) {
                recent.addLast(now);
                return new LoginResult.WrongPassword();
            }
            recent.clear();
        }
        Session session = new Session(token(), token(), now);
        sessions.put(session.token(), session);
        return new LoginResult.Success(session);
    }

    /** The live session of {@code token}, refreshed; empty when unknown or idle too long. */
    Optional<Session> session(String token) {
        if (token == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        Session s = sessions.computeIfPresent(token,
                (t, old) -> old.lastUsedMillis() < now - SESSION_IDLE.toMillis() ? null : old.touched(now));
        return Optional.ofNullable(s);
    }

    void logout(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }

    /** Whether {@code presented} is the session's CSRF token (compared in constant time). */
    static boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
