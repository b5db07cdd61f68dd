package io.weft.spi;

import io.weft.ClientCall;
import java.util.List;

/**
 * Chooses the provider instance for each call. The cluster calls {@link #picker} once each time
 * its set of endpoints or their weights change, off the call path, and then calls the returned
 * picker for every call; so precompute (prefix sums, hash rings) in {@code picker}.
 *
 * <p>Threading: pickers are called concurrently from many caller threads and must be
 * non-blocking and cheap; a picker must not retain the call.
 */
public interface LoadBalancer {
    /**
     * A picker over {@code endpoints} (never empty, immutable, in a stable order).
     */
    Picker picker(List<Endpoint> endpoints);

    /** A pure, non-blocking choice from one immutable snapshot of endpoints. */
    @FunctionalInterface
    interface Picker {
        /** The endpoint for {@code call}, one of the snapshot's; {@code null} only if none fits. */
        Endpoint pick(ClientCall call);
    }
}
