package io.weft.internal;

import io.weft.internal.transport.Transport;

/**
 * A Weft instance whose Netty event loops a process embedding it may use for sockets of its own: the
 * sidecar's loopback HTTP ports and its connections to the application, so that a request is read,
 * forwarded and answered on one thread instead of hopping between thread pools. Internal: not API.
 */
public interface SharedTransport {

    /** The instance's event loops and channel types; they stop when the instance is closed. */
    Transport transport();
}
