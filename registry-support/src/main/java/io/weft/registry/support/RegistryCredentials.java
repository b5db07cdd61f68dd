package io.weft.registry.support;

import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import java.util.Optional;

/**
 * The registry credentials of DESIGN §7: {@code weft.registry.username} and
 * {@code weft.registry.password} (a ZooKeeper digest identity, an etcd user). Both or neither must be
 * set. {@link #toString()} never shows the password. Immutable.
 *
 * @param username the user name; never empty
 * @param password the password; never empty
 */
public record RegistryCredentials(String username, String password) {
    public static final String USERNAME = "weft.registry.username";
    public static final String PASSWORD = "weft.registry.password";

    /**
     * The credentials configured in {@code config}, empty when neither key is set.
     *
     * @throws WeftConfigException naming the missing key when only one is set, or naming the key
     *     when the user name contains a colon (ZooKeeper's digest separator) or a value is blank
     */
    public static Optional<RegistryCredentials> from(WeftConfig config) {
        String user = config.get(USERNAME).orElse(null);
        String password = config.get(PASSWORD).orElse(null);
        if (user == null && password == null) {
            return Optional.empty();
        }
        if (user == null || password == null) {
            String missing = user == null ? USERNAME : PASSWORD;
            String given = user == null ? PASSWORD : USERNAME;
            throw new WeftConfigException("invalid configuration " + missing + ": required together with " + given);
        }
        if (user.isBlank()) {
            throw WeftConfigException.badValue(USERNAME, user, "must not be blank");
        }
        if (user.indexOf(':') >= 0) {
            throw WeftConfigException.badValue(USERNAME, user, "must not contain ':'");
        }
        if (password.isEmpty()) {
            throw new WeftConfigException("invalid configuration " + PASSWORD + ": must not be empty");
        }
        return Optional.of(new RegistryCredentials(user.trim(), password));
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", password=****]";
    }
}
