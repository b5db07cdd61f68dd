package io.weft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.weft.GenericReference;
import io.weft.GenericRequest;
import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Weft;
import io.weft.WeftConfig;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code weft call SERVICE METHOD [JSON_ARRAY]}: one generic (JSON) call through discovery, the client
 * filters and every consumer-side rule, or straight to {@code --address}; prints the JSON result. A
 * failed call exits with its status number (e.g. 14 for {@code UNAVAILABLE}) and prints
 * {@code weft: STATUS: message} on stderr.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = "Calls a method with JSON arguments and prints the JSON result; a failed call exits with "
                + "its status number.")
final class CallCommand implements Callable<Integer> {
    /** The application name the call carries ({@code :app}) unless {@code --app} or weft.application says otherwise. */
    static final String DEFAULT_APP = "weft-cli";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

    @ParentCommand
    WeftCli cli;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service, e.g. io.weft.demo.Greeter.")
    String service;

    @Parameters(index = "1", paramLabel = "METHOD", description = "The method, e.g. greet.")
    String method;

    @Parameters(index = "2", arity = "0..1", paramLabel = "JSON_ARRAY",
            description = "The arguments as one JSON array, e.g. '[\"Ada\"]' (default: none).")
    String arguments;

    @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "Metadata sent with the call (repeatable).")
    Map<String, String> metadata = new LinkedHashMap<>();

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Deadline: 500ms, 3s, 1m (default: weft.client.timeout, 3 s).")
    String timeout;

    @Option(names = "--app", paramLabel = "NAME",
            description = "The calling application, as rules match it (default: weft.application, else " + DEFAULT_APP + ").")
    String app;

    @Option(names = "--address", paramLabel = "HOST:PORT",
            description = "Call this provider directly, without discovery (repeatable).")
    List<String> addresses = List.of();

    @Option(names = "--params", paramLabel = "TYPE[,TYPE...]", split = ",",
            description = "Parameter types (:params), to choose among overloads with as many parameters, e.g. int,int.")
    List<String> parameterTypes = List.of();

    @Override
    public Integer call() {
        GenericRequest request = request();
        ReferenceOptions.Builder options = ReferenceOptions.builder();
        addresses.forEach(options::directAddress);
        String result;
        try (Weft weft = Weft.create(config())) {
            GenericReference reference = weft.genericReference(service, options.build());
            result = reference.callAsync(request).get();
        } catch (ExecutionException e) {
            throw failed(e.getCause());
        } catch (RpcException e) {
            throw failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(WeftCli.FAILED, "interrupted");
        }
        if (cli.json || result == null) {
            cli.out.println(result == null ? "null" : result);
        } else {
            JsonNode tree = Json.parseOrNull(result);
            cli.out.println(tree == null ? result : Json.pretty(tree));
        }
        return 0;
    }

    private GenericRequest request() {
        String args = arguments == null || arguments.isBlank() ? "[]" : arguments;
        JsonNode parsed = Json.parseOrNull(args);
        if (parsed == null || !parsed.isArray()) {
            throw new CliFailure(WeftCli.USAGE, "JSON_ARRAY must be one JSON array of the arguments, e.g. '[\"Ada\"]'; got: "
                    + args);
        }
        try {
            return new GenericRequest(method, args, parameterTypes, metadata, timeout == null ? null : duration(timeout));
        } catch (IllegalArgumentException e) {
            throw new CliFailure(WeftCli.USAGE, e.getMessage());
        }
    }

    /** The configuration: the registry unless {@code --address} is given, and the application name. */
    private WeftConfig config() {
        WeftConfig base = cli.config();
        Map<String, String> values = new HashMap<>(base.asMap());
        if (!addresses.isEmpty()) {
            values.remove(WeftConfig.REGISTRY_ADDRESS); // direct: no registry needed
        } else if (base.registryAddress().isEmpty()) {
            throw new CliFailure(WeftCli.USAGE,
                    "no registry: pass --registry ADDRESS, set weft.registry.address, or call --address HOST:PORT");
        }
        if (app != null) {
            values.put(WeftConfig.APPLICATION, app);
        } else {
            values.putIfAbsent(WeftConfig.APPLICATION, DEFAULT_APP);
        }
        return WeftConfig.of(values);
    }

    private CliFailure failed(Throwable t) {
        if (t instanceof RpcException e) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("status", e.status().name());
            fields.put("code", e.status().code());
            return new CliFailure(e.status().code(), e.getMessage(), List.of(), fields); // "STATUS: description"
        }
        if (t instanceof IllegalArgumentException e) {
            return new CliFailure(WeftCli.USAGE, e.getMessage());
        }
        return new CliFailure(WeftCli.FAILED, String.valueOf(t));
    }

    /** {@code 500ms}, {@code 3s}, {@code 1m} or ISO-8601 ({@code PT3S}); positive. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        Duration duration;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            duration = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
        } else {
            try {
                duration = Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw new CliFailure(WeftCli.USAGE, "--timeout: expected e.g. 500ms, 3s or 1m, got '" + text + "'");
            }
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new CliFailure(WeftCli.USAGE, "--timeout must be positive, got '" + text + "'");
        }
        return duration;
    }
}
