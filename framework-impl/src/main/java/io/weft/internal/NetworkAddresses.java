package io.weft.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** Picks the address a provider advertises when {@code weft.server.host} is not set. */
final class NetworkAddresses {
    private static volatile String cached;

    private NetworkAddresses() {}

    /** The first IPv4 address of an up, non-loopback interface; 127.0.0.1 if there is none. */
    static String firstNonLoopback() {
        String c = cached;
        if (c != null) {
            return c;
        }
        String found = "127.0.0.1";
        try {
            outer:
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback() || nif.isVirtual()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        found = a.getHostAddress();
                        break outer;
                    }
                }
            }
        } catch (SocketException e) {
            // keep the loopback fallback
        }
        cached = found;
        return found;
    }
}
