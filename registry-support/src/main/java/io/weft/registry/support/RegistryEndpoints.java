package io.weft.registry.support;

import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.Status;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up checks on a registry address's {@code host:port} endpoints, shared by the registry
 * factories: whether the hosts resolve, and whether anything listens at all — so that a process
 * started before its registry (with {@code weft.registry.check=false}) starts at once instead of
 * spending the connect timeout on a registry that is not there.
 */
public final class RegistryEndpoints {
    private static final Duration PROBE_BUDGET = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(RegistryEndpoints.class);

    private RegistryEndpoints() {
    }

    /**
     * Fails with "unknown host" (one line, no cause, no stack trace) when no host of the address
     * resolves; warns once naming those that do not when some do.
     *
     * @throws RpcException {@code UNAVAILABLE} when no host resolves
     */
    public static void checkHostsResolve(RegistryAddress address) {
        List<String> unknown = new ArrayList<>();
        for (String endpoint : address.endpoints()) {
            String host = host(endpoint);
            try {
                InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                unknown.add(host);
            }
        }
        if (unknown.size() == address.endpoints().size()) {
            throw new RpcException(Status.UNAVAILABLE, "unknown host " + String.join(", ", unknown)
                    + " in the registry address " + address);
        }
        if (!unknown.isEmpty()) {
            log.warn("unknown host {} in the registry address {}; using the others", String.join(", ", unknown),
                    address);
        }
    }

    /**
     * How long a registry's start-up probe ({@link #anyAccepts}) may spend on an address that drops
     * packets: 1 s, or the connect timeout when that is shorter.
     */
    public static Duration probeBudget(Duration connectTimeout) {
        return connectTimeout.compareTo(PROBE_BUDGET) < 0 ? connectTimeout : PROBE_BUDGET;
    }

    /**
     * Whether some endpoint accepts a TCP connection within {@code budget} (all endpoints together,
     * tried in order). A refused connection answers at once, so a registry that is down costs
     * microseconds; an address that drops packets costs the budget.
     */
    public static boolean anyAccepts(RegistryAddress address, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        for (String endpoint : address.endpoints()) {
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                return false;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host(endpoint), port(endpoint)), (int) Math.min(Integer.MAX_VALUE,
                        leftMs));
                return true;
            } catch (IOException | IllegalArgumentException e) {
                // refused, unreachable, unresolved or timed out: try the next one
            }
        }
        return false;
    }

    private static String host(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        String host = colon < 0 ? endpoint : endpoint.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        try {
            return colon < 0 ? -1 : Integer.parseInt(endpoint.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
