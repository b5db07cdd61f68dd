package io.weft.internal.governance;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.weft.Status;
import io.weft.internal.transport.Frame;
import io.weft.internal.transport.FrameKind;
import io.weft.internal.transport.FrameWriter;
import io.weft.rule.SecurityRule.ConnectionLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-source-IP limits on a server's connections, placed right after the frame decoder: at most
 * {@code maxConnectionsPerIp} open connections (one more gets GOAWAY {@code RESOURCE_EXHAUSTED} and
 * is closed) and at most {@code maxRequestsPerSecondPerIp} REQUEST frames a second over all of an
 * IP's connections (a token bucket holding one second's worth; a request over it is answered
 * {@code RESOURCE_EXHAUSTED} unless one-way, and never passed on).
 *
 * <p>One instance per server ({@link ChannelHandler.Sharable}); thread-safe. The limits are read
 * from the supplier at each decision, so a rule change applies to the next connection or request
 * and never drops a connection. State is kept only for IPs with open connections.
 */
@ChannelHandler.Sharable
public final class ConnectionGuard extends ChannelInboundHandlerAdapter {
    /** No limits at all. */
    public static final ConnectionLimits NO_LIMITS = new ConnectionLimits(null, null);

    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final AttributeKey<PerIp> STATE = AttributeKey.valueOf(ConnectionGuard.class, "perIp");
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf(ConnectionGuard.class, "refused");

    private final Supplier<ConnectionLimits> limits;
    private final Map<InetAddress, PerIp> perIp = new ConcurrentHashMap<>();

    /** @param limits the limits in force (e.g. {@link #strictest}); called per connection and request, keep it cheap */
    public ConnectionGuard(Supplier<ConnectionLimits> limits) {
        this.limits = limits;
    }

    /**
     * The strictest connection limits over {@code snapshots} (the services one server exports): for
     * each limit the smallest value any security rule sets; {@link #NO_LIMITS} when none sets one.
     */
    public static ConnectionLimits strictest(Collection<RuleSnapshot> snapshots) {
        return strictest(NO_LIMITS, snapshots);
    }

    /** As {@link #strictest(Collection)}, starting from {@code base} (the configured defaults): rules only lower it. */
    public static ConnectionLimits strictest(ConnectionLimits base, Collection<RuleSnapshot> snapshots) {
        Integer connections = base.maxConnectionsPerIp();
        Integer requests = base.maxRequestsPerSecondPerIp();
        for (RuleSnapshot s : snapshots) {
            ConnectionLimits l = s.security() == null ? null : s.security().connectionLimits();
            if (l != null) {
                connections = min(connections, l.maxConnectionsPerIp());
                requests = min(requests, l.maxRequestsPerSecondPerIp());
            }
        }
        return connections == null && requests == null ? NO_LIMITS : new ConnectionLimits(connections, requests);
    }

    private static Integer min(Integer a, Integer b) {
        return a == null ? b : b == null ? a : Integer.valueOf(Math.min(a, b));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress ip = ipOf(ctx.channel());
        if (ip != null) {
            int[] open = new int[1];
            PerIp state = perIp.compute(ip, (k, s) -> {
                PerIp st = s == null ? new PerIp() : s;
                open[0] = ++st.connections;
                return st;
            });
            ctx.channel().attr(STATE).set(state);
            Integer max = limitsNow().maxConnectionsPerIp();
            if (max != null && open[0] > max) {
                ctx.channel().attr(REFUSED).set(Boolean.TRUE);
                log.debug("refusing connection {}: {} open from {}, limit {}", ctx.channel().remoteAddress(),
                        open[0], ip.getHostAddress(), max);
                ctx.writeAndFlush(FrameWriter.goAway(ctx.alloc(), Status.RESOURCE_EXHAUSTED,
                        "too many connections from " + ip.getHostAddress()))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        PerIp state = ctx.channel().attr(STATE).getAndSet(null);
        InetAddress ip = ipOf(ctx.channel());
        if (state != null && ip != null) {
            perIp.computeIfPresent(ip, (k, s) -> --s.connections == 0 ? null : s);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Frame frame) || frame.kind() != FrameKind.REQUEST) {
            ctx.fireChannelRead(msg);
            return;
        }
        PerIp state = ctx.channel().attr(STATE).get();
        if (state == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (ctx.channel().hasAttr(REFUSED)) {
            frame.release(); // GOAWAY sent, closing: nothing more is served here
            return;
        }
        Integer rate = limitsNow().maxRequestsPerSecondPerIp();
        if (rate == null || state.requests.tryAcquire(rate, rate)) {
            ctx.fireChannelRead(msg);
            return;
        }
        frame.release();
        if (!frame.oneWay()) {
            InetAddress ip = ipOf(ctx.channel());
            ctx.writeAndFlush(FrameWriter.errorResponse(ctx.alloc(), frame.id(), Status.RESOURCE_EXHAUSTED,
                    "too many requests from " + (ip == null ? "?" : ip.getHostAddress()) + ": limit " + rate
                            + " per second", null), ctx.voidPromise());
        }
    }

    /** Open connections from {@code ip} (for tests and diagnostics). */
    int openConnections(InetAddress ip) {
        PerIp s = perIp.get(ip);
        return s == null ? 0 : s.connections;
    }

    /** IPs with state kept (for tests: bounded by IPs with open connections). */
    int trackedIps() {
        return perIp.size();
    }

    private ConnectionLimits limitsNow() {
        ConnectionLimits l = limits.get();
        return l == null ? NO_LIMITS : l;
    }

    private static InetAddress ipOf(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    /** State of one source IP: open connections (changed under the map's lock) and its request bucket. */
    private static final class PerIp {
        volatile int connections;
        final AdjustableBucket requests = new AdjustableBucket();
    }
}
