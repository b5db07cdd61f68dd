package io.weft.sidecar;

import io.weft.Deadline;
import io.weft.GenericService;
import io.weft.RpcException;
import io.weft.Status;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The inbound side (mesh → application): serves one generic export by forwarding each call as
 * {@code POST {app-url}/{service}/{method}} with the JSON argument array, {@code weft-timeout-ms},
 * {@code weft-meta-{key}} and {@code traceparent}/{@code tracestate} (DESIGN §9), asynchronously over
 * the JDK's HTTP/1.1 client (keep-alive connections to the application). A 2xx body is the JSON
 * result; another status maps back by {@link StatusMapping} with the body's text as message. An
 * application that does not accept the connection is {@code UNAVAILABLE} (consumers fail over).
 */
final class AppForwarder implements GenericService {
    static final String TIMEOUT_HEADER = "weft-timeout-ms";
    static final String META_PREFIX = "weft-meta-";
    private static final int MAX_MESSAGE_CHARS = 1000;

    private final HttpClient http;
    private final String baseUrl; // {app-url}/{service}/
    private final String service;

    AppForwarder(HttpClient http, URI appUrl, String service) {
        this.http = http;
        this.baseUrl = appUrl + "/" + service + "/";
        this.service = service;
    }

    @Override
    public CompletionStage<String> call(String method, String argumentsJson, Map<String, String> metadata,
                                        Deadline deadline) {
        long remainingMs = deadline.remainingMillisRoundedUp();
        if (remainingMs <= 0) {
            return CompletableFuture.failedFuture(new RpcException(Status.DEADLINE_EXCEEDED,
                    "deadline expired before the call reached the application"));
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(baseUrl + method));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new RpcException(Status.INVALID_ARGUMENT,
                    "method name cannot be part of a URL: '" + method + "'"));
        }
        request.timeout(Duration.ofMillis(remainingMs))
                .header("content-type", "application/json")
                .header(TIMEOUT_HEADER, Long.toString(remainingMs))
                .POST(HttpRequest.BodyPublishers.ofString(argumentsJson, StandardCharsets.UTF_8));
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String key = e.getKey();
            String name = key.equals("traceparent") || key.equals("tracestate") ? key : META_PREFIX + key;
            try {
                request.header(name, e.getValue());
            } catch (IllegalArgumentException notAHeader) {
                // a key or value HTTP cannot carry (e.g. a space in the name): the application does not see it
            }
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> {
                    if (error != null) {
                        throw new CompletionException(failure(method, error, remainingMs));
                    }
                    int code = response.statusCode();
                    if (code >= 200 && code < 300) {
                        return AppResult.of(service, method, code, response.body());
                    }
                    throw new CompletionException(new RpcException(StatusMapping.fromHttp(code),
                            message(code, response.body())));
                });
    }

    private RpcException failure(String method, Throwable error, long timeoutMs) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (t instanceof HttpTimeoutException) {
            return new RpcException(Status.DEADLINE_EXCEEDED, "the application did not answer " + service + "/"
                    + method + " within " + timeoutMs + " ms");
        }
        if (t instanceof ConnectException || t.getCause() instanceof ConnectException) {
            return new RpcException(Status.UNAVAILABLE, "the application does not accept connections at " + baseUrl);
        }
        return new RpcException(Status.UNAVAILABLE, "calling the application failed: " + t);
    }

    private static String message(int code, String body) {
        if (body == null || body.isBlank()) {
            return "the application answered HTTP " + code;
        }
        return body.length() > MAX_MESSAGE_CHARS ? body.substring(0, MAX_MESSAGE_CHARS) + "…" : body;
    }

    /** The JDK client the forwarders of one sidecar share: HTTP/1.1, keep-alive. */
    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

}
