package io.weft.sidecar;

import io.weft.WeftConfig;
import io.weft.WeftKeys;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one sidecar runs with (DESIGN §9): the flags of {@code ./sidecar.sh}, each also a property
 * {@code weft.sidecar.*} (a flag wins over its property).
 *
 * @param app the application's name ({@code --app}, {@code weft.sidecar.app})
 * @param registry the registry address ({@code --registry}), or null to take {@code weft.registry.address}
 * @param services the services the application provides ({@code --service SVC[=m1,m2]}, repeatable;
 *     property: {@code SVC=m1,m2;SVC2})
 * @param appUrl where the application listens ({@code --app-url}, default {@code http://127.0.0.1:8080})
 * @param port the weft/1 port of the inbound side ({@code --port}, default 20880; 0 = any free)
 * @param outboundPort the loopback HTTP port the application calls out through ({@code --outbound-port},
 *     default 15001; 0 = any free)
 * @param adminPort the admin HTTP port ({@code --admin-port}), or -1 for none (the default)
 * @param healthPath the application's health endpoint ({@code --health-path}, default {@code /health})
 * @param tags the instance tags ({@code --tag k=v}, repeatable; property: {@code k=v,k2=v2})
 */
public record SidecarSettings(String app, String registry, List<ServiceSpec> services, URI appUrl, int port,
                              int outboundPort, int adminPort, String healthPath, Map<String, String> tags) {
    static final String PREFIX = WeftKeys.SIDECAR_PREFIX;

    public SidecarSettings {
        if (app == null || app.isBlank()) {
            throw new IllegalArgumentException("--app (weft.sidecar.app) is required: the application's name");
        }
        services = List.copyOf(services);
        tags = Map.copyOf(tags);
        if (appUrl == null || !"http".equals(appUrl.getScheme()) || appUrl.getHost() == null) {
            throw new IllegalArgumentException("--app-url must be an http:// URL such as http://127.0.0.1:8080, got '"
                    + appUrl + "'");
        }
        checkPort("--port", port, 0);
        checkPort("--outbound-port", outboundPort, 0);
        checkPort("--admin-port", adminPort, -1);
        if (healthPath == null || !healthPath.startsWith("/")) {
            throw new IllegalArgumentException("--health-path must start with '/', got '" + healthPath + "'");
        }
    }

    /** A copy forwarding to the application at {@code url}. */
    public SidecarSettings withAppUrl(String url) {
        return new SidecarSettings(app, registry, services, URI.create(url), port, outboundPort, adminPort, healthPath,
                tags);
    }

    private static void checkPort(String flag, int port, int min) {
        if (port < min || port > 65535) {
            throw new IllegalArgumentException(flag + " must be 0..65535, got " + port);
        }
    }

    /** A service of the application and its methods (empty: any method name). */
    public record ServiceSpec(String name, List<String> methods) {
        public ServiceSpec {
            if (name == null || name.isBlank() || name.contains("/")) {
                throw new IllegalArgumentException("--service needs a service name without '/', got '" + name + "'");
            }
            methods = List.copyOf(methods);
        }

        /** {@code SVC} or {@code SVC=m1,m2}. */
        static ServiceSpec parse(String text) {
            int eq = text.indexOf('=');
            if (eq < 0) {
                return new ServiceSpec(text.trim(), List.of());
            }
            List<String> methods = new ArrayList<>();
            for (String m : text.substring(eq + 1).split(",")) {
                if (m.isBlank()) {
                    throw new IllegalArgumentException("--service " + text + ": empty method name");
                }
                methods.add(m.trim());
            }
            return new ServiceSpec(text.substring(0, eq).trim(), methods);
        }
    }

    /**
     * Reads the flags in {@code args} over the {@code weft.sidecar.*} properties of {@code config}.
     *
     * @throws IllegalArgumentException naming the flag and the value that is wrong
     */
    public static SidecarSettings parse(List<String> args, WeftConfig config) {
        Map<String, String> single = new LinkedHashMap<>();
        List<String> services = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String flag = arg;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                flag = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                value = args.get(++i);
            }
            switch (flag) {
                case "--service" -> services.add(value);
                case "--tag" -> tags.add(value);
                case "--app", "--registry", "--app-url", "--port", "--outbound-port", "--admin-port", "--health-path" ->
                        single.put(flag.substring(2), value);
                default -> throw new IllegalArgumentException("unknown option " + flag + " (known: --app, --registry, "
                        + "--service, --app-url, --port, --outbound-port, --admin-port, --health-path, --tag)");
            }
        }
        if (services.isEmpty()) {
            config.get(PREFIX + "services").ifPresent(v -> {
                for (String s : v.split(";")) {
                    if (!s.isBlank()) {
                        services.add(s.trim());
                    }
                }
            });
        }
        if (tags.isEmpty()) {
            config.get(PREFIX + "tags").ifPresent(v -> {
                for (String t : v.split(",")) {
                    if (!t.isBlank()) {
                        tags.add(t.trim());
                    }
                }
            });
        }
        Map<String, String> tagMap = new LinkedHashMap<>();
        for (String t : tags) {
            int at = t.indexOf('=');
            if (at <= 0) {
                throw new IllegalArgumentException("--tag must be key=value, got '" + t + "'");
            }
            tagMap.put(t.substring(0, at), t.substring(at + 1));
        }
        List<ServiceSpec> specs = services.stream().map(ServiceSpec::parse).toList();
        String appUrl = value(single, config, "app-url", "http://127.0.0.1:8080");
        URI uri;
        try {
            uri = URI.create(appUrl.endsWith("/") ? appUrl.substring(0, appUrl.length() - 1) : appUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--app-url is not a URL: '" + appUrl + "'");
        }
        return new SidecarSettings(value(single, config, "app", null), value(single, config, "registry", null), specs,
                uri, number(single, config, "port", 20880), number(single, config, "outbound-port", 15001),
                number(single, config, "admin-port", -1), value(single, config, "health-path", "/health"), tagMap);
    }

    private static String value(Map<String, String> flags, WeftConfig config, String name, String defaultValue) {
        String v = flags.get(name);
        return v != null ? v : config.get(PREFIX + name).orElse(defaultValue);
    }

    private static int number(Map<String, String> flags, WeftConfig config, String name, int defaultValue) {
        String v = value(flags, config, name, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + v + "'");
        }
    }
}
