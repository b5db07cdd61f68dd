package io.weft.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * The console's users and API tokens, in memory or in a JSON file ({@code --users-file}). Passwords are
 * kept only as bcrypt hashes (Bouncy Castle's {@code OpenBSDBCrypt}, cost {@value #BCRYPT_COST}, a random
 * 16-byte salt each); tokens only as the SHA-256 of the token, which is 256 random bits and so needs no
 * slow hash (nobody can guess it, and a fast hash keeps every API call cheap). A file is written
 * atomically (temporary file, then move) with owner-only permissions, and re-read when it changes on
 * disk, so console replicas that share it agree. Thread-safe.
 */
final class UserStore {
    static final int BCRYPT_COST = 10;
    /** The name of the first admin, and the user a login without a name means (the old single password). */
    static final String DEFAULT_ADMIN = "admin";
    static final int MIN_PASSWORD_LENGTH = 8;
    static final String TOKEN_PREFIX = "weft_";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    /** Checked against when the user is unknown, so a wrong name takes as long as a wrong password. */
    private static final String DUMMY_HASH = OpenBSDBCrypt.generate("2b", "not a password".toCharArray(),
            new byte[16], BCRYPT_COST);

    /** A user as stored: name, role and bcrypt hash. */
    record User(String name, String role, String passwordHash) {}

    /** A token as stored: its public id, name, role, the SHA-256 (hex) of the secret, who made it and when. */
    record Token(String id, String name, String role, String hash, String createdBy, long createdAt) {}

    /** The file's content. */
    record Data(List<User> users, List<Token> tokens) {
        Data {
            users = users == null ? List.of() : List.copyOf(users);
            tokens = tokens == null ? List.of() : List.copyOf(tokens);
        }
    }

    private final Path file;
    private final Clock clock;
    private final int cost;
    private final SecureRandom random = new SecureRandom();
    private Map<String, User> users = new LinkedHashMap<>();
    private Map<String, Token> tokensByHash = new LinkedHashMap<>();
    private FileTime loadedAt;
    /** When each token (by hash) was last used through this console process; not persisted (see tokens()). */
    private final Map<String, Long> tokenLastUsed = new ConcurrentHashMap<>();

    /** A store in {@code file}, or only in memory when {@code file} is null. */
    UserStore(Path file, Clock clock) {
        this(file, clock, BCRYPT_COST);
    }

    UserStore(Path file, Clock clock, int cost) {
        this.file = file;
        this.clock = clock;
        this.cost = cost;
        if (file != null && Files.exists(file)) {
            reload();
        }
    }

    /** An in-memory store with one admin, {@value #DEFAULT_ADMIN}, with {@code password}, hashed at {@code cost}. */
    static UserStore withAdmin(String password, Clock clock, int cost) {
        UserStore store = new UserStore(null, clock, cost);
        store.putUser(DEFAULT_ADMIN, Role.ADMIN, password);
        return store;
    }

    /** Whether any user exists (none: the first admin must be created). */
    synchronized boolean hasAdmin() {
        refresh();
        return users.values().stream().anyMatch(u -> Role.ADMIN.word().equals(u.role()));
    }

    /** The user {@code name} if {@code password} is theirs; as slow for an unknown name as for a known one. */
    Optional<Principal> authenticate(String name, String password) {
        User user;
        synchronized (this) {
            refresh();
            user = name == null ? null : users.get(name);
        }
        if (password == null) {
            return Optional.empty();
        }
        boolean ok = OpenBSDBCrypt.checkPassword(user == null ? DUMMY_HASH : user.passwordHash(),
                password.toCharArray());
        return ok && user != null ? Optional.of(new Principal(user.name(), Role.parse(user.role()))) : Optional.empty();
    }

    /** The current role of user {@code name}; empty when the user was deleted. */
    synchronized Optional<Principal> user(String name) {
        refresh();
        User user = users.get(name);
        return user == null ? Optional.empty() : Optional.of(new Principal(user.name(), Role.parse(user.role())));
    }

    /** The principal of API token {@code secret}; empty when unknown or revoked. */
    synchronized Optional<Principal> token(String secret) {
        refresh();
        Token token = secret == null ? null : tokensByHash.get(sha256Hex(secret));
        if (token == null) {
            return Optional.empty();
        }
        tokenLastUsed.put(token.hash(), clock.millis());
        return Optional.of(new Principal("token:" + token.name(), Role.parse(token.role())));
    }

    /** Users without their hashes: {@code [{name, role}]}. */
    synchronized List<Map<String, String>> users() {
        refresh();
        return users.values().stream().map(u -> Map.of("name", u.name(), "role", u.role())).toList();
    }

    /**
     * Tokens without their hashes: {@code [{id, name, role, createdBy, createdAt, lastUsedAt}]}. {@code lastUsedAt}
     * is when this console process last accepted the token (null: not since it started); it is kept in memory
     * only, because writing the users file on every API call would be slow and make replicas rewrite it
     * against each other.
     */
    synchronized List<Map<String, Object>> tokens() {
        refresh();
        return tokensByHash.values().stream().<Map<String, Object>>map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("name", t.name());
            m.put("role", t.role());
            m.put("createdBy", t.createdBy());
            m.put("createdAt", t.createdAt());
            m.put("lastUsedAt", tokenLastUsed.get(t.hash()));
            return m;
        }).toList();
    }

    /** The token with public id {@code id}, as {@link #tokens()} lists it. */
    synchronized Optional<Map<String, Object>> tokenById(String id) {
        return tokens().stream().filter(t -> t.get("id").equals(id)).findFirst();
    }

    /** Creates user {@code name}; 409 when there is one already (a {@link #putUser} would replace it). */
    synchronized void addUser(String name, Role role, String password) {
        refresh();
        if (users.containsKey(name)) {
            throw new ApiError(409, "there is a user " + name + " already");
        }
        if (password == null) {
            throw new ApiError(400, "a new user needs a password");
        }
        putUser(name, role, password);
    }

    /** A random password for an admin to hand over: 128 bits, base64url (22 characters). */
    String newPassword() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Creates or replaces user {@code name}; a null {@code password} keeps the current one. */
    synchronized void putUser(String name, Role role, String password) {
        refresh();
        if (name == null || !name.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new ApiError(400, "a user name is 1 to 64 letters, digits or . _ @ -, got '" + name + "'");
        }
        User old = users.get(name);
        if (old == null && password == null) {
            throw new ApiError(400, "a new user needs a password");
        }
        if (old != null && Role.ADMIN.word().equals(old.role()) && role != Role.ADMIN && admins() == 1) {
            throw new ApiError(409, "'" + name + "' is the last admin; make another admin first");
        }
        String hash = password == null ? old.passwordHash() : hash(password);
        Map<String, User> next = new LinkedHashMap<>(users);
        next.put(name, new User(name, role.word(), hash));
        save(next, tokensByHash);
    }

    /** Deletes user {@code name}; {@code false} when there was none. */
    synchronized boolean deleteUser(String name) {
        refresh();
        User old = users.get(name);
        if (old == null) {
            return false;
        }
        if (Role.ADMIN.word().equals(old.role()) && admins() == 1) {
            throw new ApiError(409, "'" + name + "' is the last admin; make another admin first");
        }
        Map<String, User> next = new LinkedHashMap<>(users);
        next.remove(name);
        save(next, tokensByHash);
        return true;
    }

    /** Makes a token; the answer holds the secret, which is never stored nor shown again. */
    synchronized Map<String, Object> createToken(String name, Role role, String createdBy) {
        refresh();
        if (name == null || !name.matches("[A-Za-z0-9._@ -]{1,64}")) {
            throw new ApiError(400, "a token name is 1 to 64 letters, digits, spaces or . _ @ -, got '" + name + "'");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = sha256Hex(secret);
        Token token = new Token(hash.substring(0, 12), name, role.word(), hash, createdBy, clock.millis());
        Map<String, Token> next = new LinkedHashMap<>(tokensByHash);
        next.put(hash, token);
        save(users, next);
        return Map.of("id", token.id(), "name", name, "role", role.word(), "token", secret);
    }

    /** Revokes the token with public id {@code id}; {@code false} when there was none. */
    synchronized boolean revokeToken(String id) {
        refresh();
        Map<String, Token> next = new LinkedHashMap<>(tokensByHash);
        if (!next.values().removeIf(t -> t.id().equals(id))) {
            return false;
        }
        tokenLastUsed.keySet().retainAll(next.keySet());
        save(users, next);
        return true;
    }

    private long admins() {
        return users.values().stream().filter(u -> Role.ADMIN.word().equals(u.role())).count();
    }

    /** Refuses a password chosen through the API that is too short (the bootstrap one is the operator's). */
    static void checkPolicy(String password) {
        if (password != null && password.length() < MIN_PASSWORD_LENGTH) {
            throw new ApiError(400, "a password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private String hash(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw new ApiError(400, "a password may have at most 72 bytes (bcrypt's limit)");
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password.toCharArray(), salt, cost);
    }

    private void save(Map<String, User> nextUsers, Map<String, Token> nextTokens) {
        if (file != null) {
            try {
                Path dir = file.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, ".users", ".tmp");
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the directory's permissions must protect it
                }
                JSON.writeValue(tmp.toFile(), new Data(List.copyOf(nextUsers.values()),
                        List.copyOf(nextTokens.values())));
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
                loadedAt = Files.getLastModifiedTime(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the console's users file " + file, e);
            }
        }
        users = nextUsers;
        tokensByHash = nextTokens;
    }

    /** Re-reads the file when another replica (or an operator) changed it. */
    private void refresh() {
        if (file == null) {
            return;
        }
        try {
            if (Files.exists(file) && !Files.getLastModifiedTime(file).equals(loadedAt)) {
                reload();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's users file " + file, e);
        }
    }

    private void reload() {
        try {
            FileTime time = Files.getLastModifiedTime(file);
            Data data = JSON.readValue(file.toFile(), Data.class);
            Map<String, User> u = new LinkedHashMap<>();
            for (User user : data.users()) {
                Role.parse(user.role());
                u.put(user.name(), user);
            }
            Map<String, Token> t = new LinkedHashMap<>();
            for (Token token : data.tokens()) {
                Role.parse(token.role());
                t.put(token.hash(), token);
            }
            users = u;
            tokensByHash = t;
            loadedAt = time;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read the console's users file " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For tests: the users file's records as stored. */
    List<User> storedUsers() {
        synchronized (this) {
            return new ArrayList<>(users.values());
        }
    }
}
