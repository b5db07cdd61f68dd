package io.weft.sidecar;

import io.weft.Deadline;
import io.weft.GenericService;
import io.weft.RpcException;
import io.weft.Status;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The inbound side (mesh → application): serves one generic export by forwarding each call as
 * {@code POST {app-url}/{service}/{method}} with the JSON argument array, {@code weft-timeout-ms},
 * {@code weft-meta-{key}} and {@code traceparent}/{@code tracestate} (DESIGN §9), asynchronously over
 * the sidecar's {@link AppClient} (a pool of keep-alive HTTP/1.1 connections to the application on one
 * Netty event loop). A 2xx body is the JSON
 * result; another status maps back by {@link StatusMapping} with the body's text as message. An
 * application that does not accept the connection is {@code UNAVAILABLE} (consumers fail over).
 */
final class AppForwarder implements GenericService {
    static final String TIMEOUT_HEADER = "weft-timeout-ms";
    static final String META_PREFIX = "weft-meta-";
    private static final int MAX_MESSAGE_CHARS = 1000;

    private final AppClient app;
    private final String baseUrl; // {app-url}/{service}/, for messages
    private final String basePath; // {app-url's path}/{service}/
    private final String service;

    AppForwarder(AppClient app, URI appUrl, String service) {
        this.app = app;
        this.baseUrl = appUrl + "/" + service + "/";
        this.basePath = (appUrl.getRawPath() == null ? "" : appUrl.getRawPath()) + "/" + service + "/";
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
        String path = basePath + method;
        try {
            URI.create(path); // a method name a request line cannot carry
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new RpcException(Status.INVALID_ARGUMENT,
                    "method name cannot be part of a URL: '" + method + "'"));
        }
        Map<String, String> headers = new HashMap<>(4 + metadata.size() * 2);
        headers.put(TIMEOUT_HEADER, Long.toString(remainingMs));
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String key = e.getKey();
            headers.put(key.equals("traceparent") || key.equals("tracestate") ? key : META_PREFIX + key, e.getValue());
        }
        return app.post(path, argumentsJson, headers, remainingMs).handle((response, error) -> {
            if (error != null) {
                throw new CompletionException(failure(method, error, remainingMs));
            }
            int code = response.status();
            if (code >= 200 && code < 300) {
                return AppResult.of(service, method, code, response.body());
            }
            throw new CompletionException(new RpcException(StatusMapping.fromHttp(code), message(code, response.body())));
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

    /** The JDK client of the health checks: HTTP/1.1, keep-alive. */
    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

}
