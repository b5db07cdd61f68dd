package io.weft.sidecar;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.weft.GenericReference;
import io.weft.GenericRequest;
import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.Weft;
import io.weft.internal.client.InlineCompletion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Serves {@code POST /{service}/{method}} on the outbound port: builds a {@link GenericRequest}
 * from the body and the {@code weft-*} headers and calls through a {@link GenericReference} (discovery,
 * consumer governance, health, balancing; resends only with {@code weft-idempotent: true}). Answers
 * 200 + the JSON result, or the §9 status with {@code {"status":N,"code":"NAME","message":"…"}}; the
 * {@code weft-status} header carries the number in both cases. Never blocks the event loop: a service's
 * reference is made once, on {@code setup}.
 */
@ChannelHandler.Sharable
final class OutboundHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String STATUS_HEADER = "weft-status";
    static final String IDEMPOTENT_HEADER = "weft-idempotent";
    private static final int MAX_SERVICES = 1024;

    private final Weft weft;
    private final Executor setup;
    private final Map<String, CompletableFuture<GenericReference>> references = new ConcurrentHashMap<>();

    OutboundHandler(Weft weft, Executor setup) {
        this.weft = weft;
        this.setup = setup;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!HttpMethod.POST.equals(request.method())) {
            fail(ctx, keepAlive, Status.INVALID_ARGUMENT, 405, "use POST /{service}/{method}");
            return;
        }
        String path = request.uri();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        int slash = path.lastIndexOf('/');
        if (!path.startsWith("/") || slash <= 1 || slash == path.length() - 1 || path.indexOf('/', 1) != slash) {
            fail(ctx, keepAlive, Status.NOT_FOUND, 404, "the path must be /{service}/{method}, got '" + path + "'");
            return;
        }
        String service = path.substring(1, slash);
        String method = path.substring(slash + 1);
        GenericRequest call;
        try {
            call = toRequest(method, request);
        } catch (IllegalArgumentException e) {
            fail(ctx, keepAlive, Status.INVALID_ARGUMENT, 400, e.getMessage());
            return;
        }
        CompletableFuture<GenericReference> reference = reference(service);
        if (reference == null) {
            fail(ctx, keepAlive, Status.RESOURCE_EXHAUSTED, 429, "more than " + MAX_SERVICES
                    + " distinct services called through this sidecar");
            return;
        }
        // Inline: the answer is written from where the call is settled (a weft/1 event loop, usually),
        // not after a hop through the callback pool; writing to the HTTP channel never blocks.
        reference.thenCompose(r -> r instanceof InlineCompletion inline
                ? inline.callAsyncInline(call) : r.callAsync(call)).whenComplete((json, error) -> {
            if (error == null) {
                respond(ctx, keepAlive, HttpResponseStatus.OK, 0, json == null ? "null" : json);
            } else {
                Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (t instanceof RpcException rpc) {
                    fail(ctx, keepAlive, rpc.status(), StatusMapping.toHttp(rpc.status()), rpc.description());
                } else if (t instanceof IllegalArgumentException bad) {
                    fail(ctx, keepAlive, Status.INVALID_ARGUMENT, 400, bad.getMessage());
                } else {
                    fail(ctx, keepAlive, Status.INTERNAL, 500, t.toString());
                }
            }
        });
    }

    /** The call an HTTP request asks for; IllegalArgumentException names the header or body at fault. */
    static GenericRequest toRequest(String method, FullHttpRequest request) {
        GenericRequest.Builder call = GenericRequest.builder(method)
                .arguments(request.content().toString(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> h : request.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(AppForwarder.META_PREFIX)) {
                String key = name.substring(AppForwarder.META_PREFIX.length());
                if (key.isEmpty() || key.startsWith(":")) {
                    throw new IllegalArgumentException("header " + h.getKey()
                            + " would set a reserved metadata key: weft-meta- keys must not be empty or start with ':'");
                }
                call.metadata(key, h.getValue());
            } else if (name.equals("traceparent") || name.equals("tracestate")) {
                call.metadata(name, h.getValue());
            }
        }
        String timeout = request.headers().get(AppForwarder.TIMEOUT_HEADER);
        if (timeout != null) {
            long ms;
            try {
                ms = Long.parseLong(timeout.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("header weft-timeout-ms must be a number of milliseconds, got '"
                        + timeout + "'");
            }
            if (ms <= 0) {
                throw new IllegalArgumentException("header weft-timeout-ms must be positive, got " + ms);
            }
            call.timeout(Duration.ofMillis(ms));
        }
        call.idempotent("true".equalsIgnoreCase(request.headers().get(IDEMPOTENT_HEADER)));
        return call.build();
    }

    private CompletableFuture<GenericReference> reference(String service) {
        CompletableFuture<GenericReference> r = references.get(service);
        if (r != null) {
            return r;
        }
        if (references.size() >= MAX_SERVICES) {
            return null;
        }
        return references.computeIfAbsent(service, s -> {
            CompletableFuture<GenericReference> made = CompletableFuture.supplyAsync(
                    () -> weft.genericReference(s, ReferenceOptions.defaults()), setup);
            made.whenComplete((ok, e) -> {
                if (e != null) {
                    references.remove(s, made); // try again on the next call
                }
            });
            return made;
        });
    }

    private static void fail(ChannelHandlerContext ctx, boolean keepAlive, Status status, int http, String message) {
        String body = "{\"status\":" + status.code() + ",\"code\":\"" + status.name() + "\",\"message\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(message == null ? "" : message)) + "\"}";
        respond(ctx, keepAlive, HttpResponseStatus.valueOf(http), status.code(), body);
    }

    private static void respond(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus http, int status,
                                String body) {
        ByteBuf content = ctx.alloc().buffer(body.length() + 16);
        content.writeCharSequence(body, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, http, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
                .setInt(STATUS_HEADER, status);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
