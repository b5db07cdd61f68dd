package io.weft.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console logins: password check (against the {@link UserStore}), sessions (random tokens kept in memory) with a
 * CSRF token each, and brute-force protection on login. Thread-safe.
 *
 * <p>Login throttling has three parts:
 * <ul>
 *   <li><b>Per client, with backoff.</b> After {@value #MAX_FAILURES} failures in a row (within
 *   {@link #FAILURE_WINDOW}) a client must wait {@link #BASE_BACKOFF}, doubling with each further
 *   failure up to {@link #MAX_BACKOFF}; attempts while it waits are refused unchecked and do not count.
 *   After the wait the password is checked again, and the right one always gets in.
 *   <li><b>Trusted browsers.</b> A browser that logged in once carries a device token (OWASP's "device
 *   cookie"); its failures are counted for that token, not for its address, so clients guessing behind
 *   the same address (NAT, proxy) cannot lock it out.
 *   <li><b>Global.</b> More than {@value #GLOBAL_MAX_FAILURES} failures from all clients within
 *   {@link #GLOBAL_WINDOW} refuse every unchecked attempt for {@link #GLOBAL_BACKOFF}: guessing spread
 *   over many addresses stays slow.
 * </ul>
 * Failure records are kept for at most {@link #FAILURE_WINDOW} after the last failure (or the end of
 * the wait) and for at most {@value #MAX_TRACKED} clients, the oldest evicted first.
 */
final class ConsoleAuth {
    static final int MAX_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    static final Duration BASE_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    static final int GLOBAL_MAX_FAILURES = 100;
    static final Duration GLOBAL_WINDOW = Duration.ofMinutes(1);
    static final Duration GLOBAL_BACKOFF = Duration.ofSeconds(5);
    static final int MAX_TRACKED = 1_000;
    static final int MAX_DEVICES = 10_000;
    static final Duration SESSION_IDLE = Duration.ofHours(8);

    private final UserStore users;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    // Guarded by lock. Insertion order = order of last failure (a record is re-inserted on each failure).
    private final LinkedHashMap<String, Failures> failures = new LinkedHashMap<>();
    private final LinkedHashMap<String, Boolean> devices = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_DEVICES;
        }
    };
    private final Deque<Long> globalFailures = new ArrayDeque<>();
    private long globalBlockedUntil;

    /** A logged-in session of {@code user}: its cookie token and the CSRF token every write must carry. */
    record Session(String token, String csrfToken, long lastUsedMillis, String user) {
        Session touched(long now) {
            return new Session(token, csrfToken, now, user);
        }
    }

    /** The answer to a login attempt. */
    sealed interface LoginResult {
        /** Logged in; {@code deviceToken} marks this browser as trusted for later logins. */
        record Success(Session session, String deviceToken) implements LoginResult {}

        record WrongPassword() implements LoginResult {}

        record Throttled(Duration retryAfter) implements LoginResult {}
    }

    /** Consecutive failures of one client and until when it must wait. */
    private static final class Failures {
        int count;
        long lastFailure;
        long blockedUntil;

        boolean expired(long now) {
            return blockedUntil <= now && lastFailure <= now - FAILURE_WINDOW.toMillis();
        }
    }

    /** One admin, {@code admin}, with {@code password}, kept in memory (bcrypt at the lowest cost: for tests). */
    ConsoleAuth(String password, Clock clock) {
        this(UserStore.withAdmin(password, clock, 4), clock);
    }

    ConsoleAuth(UserStore users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    /** The users and tokens this console checks against. */
    UserStore users() {
        return users;
    }

    /** {@link #login(String, String, String, String)} from a browser without a device token. */
    LoginResult login(String remote, String password) {
        return login(remote, null, password);
    }

    /** {@link #login(String, String, String, String)} for user {@value UserStore#DEFAULT_ADMIN}. */
    LoginResult login(String remote, String deviceToken, String password) {
        return login(remote, deviceToken, UserStore.DEFAULT_ADMIN, password);
    }

    /**
     * Checks {@code user}'s {@code password} for a client at {@code remote} presenting {@code deviceToken}
     * (null: none); refuses it unchecked while that client, or every client, must wait.
     */
    LoginResult login(String remote, String deviceToken, String user, String password) {
        long now = clock.millis();
        String client;
        synchronized (lock) {
            evictExpired(now);
            boolean trusted = deviceToken != null && devices.get(deviceToken) != null;
            client = trusted ? "device " + deviceToken : "address " + remote;
            Failures f = failures.get(client);
            long waitUntil = Math.max(globalBlockedUntil, f == null ? 0 : f.blockedUntil);
            if (waitUntil > now) {
                return new LoginResult.Throttled(Duration.ofMillis(waitUntil - now));
            }
        }
        Optional<Principal> principal = users.authenticate(user, password);
        if (principal.isEmpty()) {
            recordFailure(client, now);
            return new LoginResult.WrongPassword();
        }
        String device = deviceToken;
        synchronized (lock) {
            failures.remove(client);
            if (device == null || devices.get(device) == null) {
                device = token();
                devices.put(device, Boolean.TRUE);
            }
        }
        Session session = new Session(token(), token(), now, principal.get().name());
        sessions.put(session.token(), session);
        return new LoginResult.Success(session, device);
    }

    private void recordFailure(String client, long now) {
        synchronized (lock) {
            Failures f = failures.remove(client); // re-inserted below: the map stays ordered by last failure
            if (f == null || f.expired(now)) {
                f = new Failures();
            }
            f.count++;
            f.lastFailure = now;
            if (f.count >= MAX_FAILURES) {
                int doublings = Math.min(f.count - MAX_FAILURES, 20);
                f.blockedUntil = now + Math.min(MAX_BACKOFF.toMillis(), BASE_BACKOFF.toMillis() << doublings);
            }
            failures.put(client, f);
            if (failures.size() > MAX_TRACKED) {
                Iterator<String> eldest = failures.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
            globalFailures.addLast(now);
            while (globalFailures.peekFirst() <= now - GLOBAL_WINDOW.toMillis()) {
                globalFailures.pollFirst();
            }
            if (globalFailures.size() > GLOBAL_MAX_FAILURES) {
                globalBlockedUntil = now + GLOBAL_BACKOFF.toMillis();
                globalFailures.pollFirst();
            }
        }
    }

    /** Drops records whose failures are old and whose wait is over (oldest first; stops at a live one). */
    private void evictExpired(long now) {
        Iterator<Failures> it = failures.values().iterator();
        while (it.hasNext()) {
            Failures f = it.next();
            if (f.lastFailure > now - FAILURE_WINDOW.toMillis()) {
                return;
            }
            if (f.blockedUntil <= now) {
                it.remove();
            }
        }
    }

    /** How many clients have failure records (for tests: the table stays bounded). */
    int trackedClients() {
        synchronized (lock) {
            return failures.size();
        }
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

    /** Ends every session of {@code user} but {@code keep} (the caller's own, or null): after a password reset. */
    void endSessions(String user, String keep) {
        sessions.values().removeIf(s -> s.user().equals(user) && !s.token().equals(keep));
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
}
