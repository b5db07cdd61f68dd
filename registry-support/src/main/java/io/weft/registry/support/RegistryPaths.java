package io.weft.registry.support;

import io.weft.spi.InstanceRole;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the keys of the registry layout (DESIGN §5, a contract); the same strings serve as
 * ZooKeeper paths and etcd keys. Internal; shared by the registry implementations.
 *
 * <p>Every name that becomes one path segment (namespace, service, instance id) is checked: it must
 * not be empty, contain {@code '/'} or control characters, or be {@code .} or {@code ..}; a bad
 * name throws {@link IllegalArgumentException} naming what is wrong.
 */
public final class RegistryPaths {
    /** The rule kinds of the layout: {@code /{ns}/rules/{service}/{kind}}. */
    public static final Set<String> RULE_KINDS = Set.of("routing", "throttling", "faults", "security");

    private RegistryPaths() {
    }

    /** {@code /{ns}/services}. */
    public static String services(String namespace) {
        return "/" + segment("namespace", namespace) + "/services";
    }

    /** {@code /{ns}/services/{service}/providers} or {@code …/consumers}. */
    public static String instances(String namespace, String service, InstanceRole role) {
        Objects.requireNonNull(role, "role");
        return services(namespace) + "/" + segment("service name", service) + "/" + role.pathSegment();
    }

    /** {@code /{ns}/services/{service}/providers/{host}:{port}} or {@code …/consumers/{instanceId}}. */
    public static String instance(String namespace, String service, InstanceRole role, String instanceId) {
        return instances(namespace, service, role) + "/" + segment("instance id", instanceId);
    }

    /** {@code /{ns}/rules}. */
    public static String rules(String namespace) {
        return "/" + segment("namespace", namespace) + "/rules";
    }

    /**
     * {@code /{ns}/rules/{service}/{kind}}.
     *
     * @throws IllegalArgumentException when {@code kind} is not one of {@link #RULE_KINDS}
     */
    public static String rule(String namespace, String service, String kind) {
        if (!RULE_KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown rule kind '" + kind + "'; expected one of "
                    + "routing, throttling, faults, security");
        }
        return rules(namespace) + "/" + segment("service name", service) + "/" + kind;
    }

    /** {@code /{ns}/audit}. */
    public static String audit(String namespace) {
        return "/" + segment("namespace", namespace) + "/audit";
    }

    /**
     * {@code /{ns}/audit/{millis}-{random}}: {@code millis} zero-padded to 13 digits so that keys sort
     * by time, {@code random} 16 hex digits so that writers in the same millisecond don't collide.
     */
    public static String auditEntry(String namespace, long epochMillis, long random) {
        if (epochMillis < 0) {
            throw new IllegalArgumentException("audit time must not be negative: " + epochMillis);
        }
        return audit(namespace) + "/" + String.format(Locale.ROOT, "%013d-%016x", epochMillis, random);
    }

    /** The last segment of {@code path} (an instance id for an instance path). */
    public static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String segment(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (value.indexOf('/') >= 0) {
            throw new IllegalArgumentException(what + " must not contain '/': '" + value + "'");
        }
        if (value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException(what + " must not be '" + value + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                throw new IllegalArgumentException(what + " must not contain whitespace or control characters: '"
                        + value.replaceAll("\\p{Cntrl}", "?") + "'");
            }
        }
        return value;
    }
}
