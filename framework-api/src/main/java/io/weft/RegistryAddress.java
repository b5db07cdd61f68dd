package io.weft;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed {@code weft.registry.address} such as {@code zookeeper://h1:2181,h2:2181} or
 * {@code etcd://h1:2379}. The scheme picks the {@link io.weft.spi.RegistryFactory}.
 *
 * @param scheme lower-case scheme, e.g. {@code zookeeper}
 * @param endpoints {@code host:port} strings in the order given
 */
public record RegistryAddress(String scheme, List<String> endpoints) {

    /**
     * Checks and copies the parts (not the endpoints' form: use {@link #parse} for text).
     *
     * @param scheme the scheme; must not be blank
     * @param endpoints {@code host:port} strings; at least one
     * @throws IllegalArgumentException when the scheme is blank or there is no endpoint
     */
    public RegistryAddress {
        if (scheme == null || scheme.isBlank()) {
            throw new IllegalArgumentException("scheme is required");
        }
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one endpoint is required");
        }
    }

    /**
     * Parses {@code scheme://host:port[,host:port…]}. The scheme is lower-cased; a path after the
     * endpoints ({@code /…}) is ignored.
     *
     * @param value the address text, e.g. {@code zookeeper://127.0.0.1:2181}
     * @return the address
     * @throws WeftConfigException naming {@code weft.registry.address} and the value when malformed
     */
    public static RegistryAddress parse(String value) {
        String key = WeftConfig.REGISTRY_ADDRESS;
        String expected = "expected scheme://host:port[,host:port...], e.g. zookeeper://127.0.0.1:2181";
        if (value == null) {
            throw WeftConfigException.badValue(key, "null", expected);
        }
        int sep = value.indexOf("://");
        if (sep <= 0) {
            throw WeftConfigException.badValue(key, value, expected);
        }
        String scheme = value.substring(0, sep).trim().toLowerCase(Locale.ROOT);
        if (!scheme.matches("[a-z][a-z0-9+.-]*")) {
            throw WeftConfigException.badValue(key, value, "bad scheme '" + scheme + "'; " + expected);
        }
        String rest = value.substring(sep + 3);
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            rest = rest.substring(0, slash);
        }
        List<String> endpoints = new ArrayList<>();
        for (String part : rest.split(",")) {
            String hp = part.trim();
            int colon = hp.lastIndexOf(':');
            if (hp.isEmpty() || colon <= 0 || colon == hp.length() - 1) {
                throw WeftConfigException.badValue(key, value, "endpoint '" + hp + "' is not host:port; " + expected);
            }
            try {
                int port = Integer.parseInt(hp.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw WeftConfigException.badValue(key, value, "endpoint '" + hp + "' has no valid port (1..65535)");
            }
            endpoints.add(hp);
        }
        return new RegistryAddress(scheme, endpoints);
    }

    /**
     * The endpoints joined with commas, as most clients take them.
     *
     * @return e.g. {@code h1:2181,h2:2181}
     */
    public String connectString() {
        return String.join(",", endpoints);
    }

    @Override
    public String toString() {
        return scheme + "://" + connectString();
    }
}
