package io.weft.console;

import io.javalin.http.Context;
import io.weft.rules.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The client's address for login throttling and the audit log. It is the TCP peer, unless the peer is
 * a configured trusted proxy ({@code --trusted-proxy CIDR}): then it is the right-most address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy (what each trusted hop appended; anything
 * to its left was written by the client and may be forged). Without trusted proxies, and for any other
 * peer, {@code X-Forwarded-For} is ignored: a client cannot pick an address to dodge throttling or to
 * write a false one into the audit log. A malformed entry stops the walk at the last trusted hop's view.
 */
final class ClientAddress {
    private final List<Cidr> trusted;

    /** Trusts proxies within {@code cidrs} (e.g. {@code 10.0.0.0/8}, {@code 127.0.0.1}); throws naming a bad one. */
    ClientAddress(List<String> cidrs) {
        List<Cidr> parsed = new ArrayList<>();
        for (String cidr : cidrs) {
            try {
                parsed.add(Cidr.parse(cidr.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--trusted-proxy: " + e.getMessage(), e);
            }
        }
        this.trusted = List.copyOf(parsed);
    }

    /** The client address of {@code ctx}'s request. */
    String of(Context ctx) {
        return resolve(ctx.req().getRemoteAddr(), Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
    }

    /** The client address of a request from {@code peer} carrying the {@code X-Forwarded-For} header values. */
    String resolve(String peer, List<String> forwardedFor) {
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (literal(hop) == null) {
                return client; // garbage (or a port): trust no further
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        InetAddress a = literal(address);
        return a != null && trusted.stream().anyMatch(c -> c.contains(a));
    }

    /** The address of an IP literal; null for anything else (never a DNS look-up). */
    private static InetAddress literal(String text) {
        if (text == null || text.isEmpty() || text.indexOf('/') >= 0) {
            return null;
        }
        try {
            Cidr.parse(text); // accepts IP literals only
            return InetAddress.getByName(text);
        } catch (IllegalArgumentException | UnknownHostException e) {
            return null;
        }
    }
}
