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
     * A picker over one snapshot of endpoints.
     *
     * @param endpoints the candidates: never empty, immutable, in a stable order
     * @return a picker that chooses among exactly these endpoints; it replaces the previous one
     */
    Picker picker(List<Endpoint> endpoints);

    /** A pure, non-blocking choice from one immutable snapshot of endpoints. */
    @FunctionalInterface
    interface Picker {
        /**
         * Chooses where {@code call} goes.
         *
         * @param call the call being sent (read its method, arguments or metadata, e.g. for a hash);
         *     do not keep it
         * @return one of the snapshot's endpoints, or {@code null} only if none fits (the call then
         *     fails with {@code UNAVAILABLE})
         */
        Endpoint pick(ClientCall call);
    }
}
