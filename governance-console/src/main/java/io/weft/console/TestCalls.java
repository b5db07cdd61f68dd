package io.weft.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.weft.GenericReference;
import io.weft.GenericRequest;
import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.rules.RuleWriter;
import io.weft.spi.Registry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /api/services/{service}/methods/{method}/call?timeoutMs=N}: one JSON call (generic
 * invocation, as {@code weft call} makes it) through discovery and the consumer-side governance, with
 * the body as the argument array. The answer is 200 for every call that was made, whatever its outcome:
 * {@code {"status", "code", "result" | "message", "latencyMs"}}; 400 for a body that is not one JSON
 * array, 501 when the console was started over a registry object rather than an address.
 *
 * <p>The console calls as application {@code weft-console}, so rules see it like any consumer, with the
 * console user in the metadata key {@code weft-console-user}; each call is audited ({@code action}
 * {@code call}, the method, the status and the latency; not the arguments, which may hold personal
 * data). The {@link Weft} it calls with is made at the first call and shows in the registry as a consumer
 * of each service called; closed with the console. Thread-safe; a call blocks its request thread for at
 * most the timeout (default 5 s, at most 60 s).
 */
final class TestCalls implements AutoCloseable {
    static final String APPLICATION = "weft-console";
    static final String USER_KEY = "weft-console-user";
    private static final long DEFAULT_TIMEOUT_MS = 5_000;
    private static final long MAX_TIMEOUT_MS = 60_000;
    private static final int MAX_SERVICES = 256;

    private final WeftConfig config;
    private final ObjectMapper json;
    private final ConsoleAudit audit;
    private final Map<String, GenericReference> references = new ConcurrentHashMap<>();
    private Weft weft; // guarded by this

    /** @param config the registry address and credentials to call through; {@code null}: no test calls */
    TestCalls(WeftConfig config, Registry registry, ObjectMapper json, Clock clock) {
        this.config = config;
        this.json = json;
        this.audit = new ConsoleAudit(registry, json, clock);
    }

    void call(Context ctx) {
        String service = ctx.pathParam("service");
        String method = ctx.pathParam("method");
        long timeoutMs = QueryParams.bounded(ctx, "timeoutMs", 1, MAX_TIMEOUT_MS, DEFAULT_TIMEOUT_MS);
        String arguments = ctx.body().isBlank() ? "[]" : ctx.body();
        try {
            if (!json.readTree(arguments).isArray()) {
                throw new ApiError(400, "the body must be one JSON array of the arguments, e.g. [\"Ada\"]");
            }
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (config == null) {
            throw new ApiError(501, "test calls need the console started with a registry address");
        }
        RuleWriter.Author author = RulesApi.author(ctx);
        GenericRequest request = GenericRequest.builder(method).arguments(arguments)
                .metadata(USER_KEY, author.user()).timeout(Duration.ofMillis(timeoutMs)).build();
        long start = System.nanoTime();
        Map<String, Object> answer = new LinkedHashMap<>();
        Status status;
        try {
            String result = reference(service).callAsync(request).get(timeoutMs + 1_000, TimeUnit.MILLISECONDS);
            status = Status.OK;
            answer.put("result", result == null ? null : json.readTree(result));
        } catch (ExecutionException e) {
            status = failure(e.getCause(), answer);
        } catch (RpcException e) {
            status = failure(e, answer);
        } catch (TimeoutException e) {
            status = failure(new RpcException(Status.DEADLINE_EXCEEDED, "no answer within " + timeoutMs + " ms"), answer);
        } catch (JsonProcessingException e) {
            status = failure(new RpcException(Status.INTERNAL, "the result is not JSON: " + e.getOriginalMessage()), answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "interrupted");
        }
        double latencyMs = Math.round((System.nanoTime() - start) / 1e5) / 10.0; // to 0.1 ms, as answered and audited
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", status.name());
        out.put("code", status.code());
        out.putAll(answer);
        out.put("latencyMs", latencyMs);
        Status outcome = status;
        audit.record(author, "call", e -> e.put("service", service).put("method", method).put("status", outcome.name())
                .put("latencyMs", latencyMs));
        ctx.json(out);
    }

    private static Status failure(Throwable t, Map<String, Object> answer) {
        RpcException e = t instanceof RpcException r ? r : new RpcException(Status.UNKNOWN, String.valueOf(t));
        answer.put("message", e.getMessage());
        return e.status();
    }

    private GenericReference reference(String service) {
        GenericReference cached = references.get(service);
        if (cached != null) {
            return cached;
        }
        Weft caller = weft();
        if (references.size() >= MAX_SERVICES) {
            throw new ApiError(503, "the console holds test-call references to " + MAX_SERVICES
                    + " services already; restart it to call others");
        }
        return references.computeIfAbsent(service, s -> caller.genericReference(s, ReferenceOptions.builder().build()));
    }

    private synchronized Weft weft() {
        if (weft == null) {
            weft = Weft.create(config.with(WeftConfig.APPLICATION, APPLICATION));
        }
        return weft;
    }

    @Override
    public synchronized void close() {
        if (weft != null) {
            weft.close();
        }
    }
}
