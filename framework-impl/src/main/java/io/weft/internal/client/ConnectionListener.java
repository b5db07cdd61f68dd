package io.weft.internal.client;

/**
 * Told about what happens on the connection to a provider address: the health model's view of
 * heartbeats and of connections opening, going away and closing. Called on event loops: must be
 * quick and must not block.
 */
@FunctionalInterface
interface ConnectionListener {
    enum Event {
        /** A new connection is usable. */
        CONNECTED,
        /** A heartbeat PONG arrived. */
        PONG,
        /**
         * The provider has read nothing since calls overdue by its normal latency were sent (see
         * {@link StallWatch}): out of rotation until a PONG comes; without one the connection closes.
         */
        STALLED,
        /** The provider stayed silent for three heartbeat intervals; the connection is being closed. */
        HEARTBEAT_MISSED,
        /** The provider sent GOAWAY: no new calls here. */
        GOAWAY,
        /** The connection closed. */
        CLOSED
    }

    ConnectionListener NONE = (address, event) -> { };

    void onEvent(String address, Event event);
}
