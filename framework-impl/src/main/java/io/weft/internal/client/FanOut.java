package io.weft.internal.client;

import io.weft.UnprocessedRequestException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A strategy that sends one call to several instances at once ({@link Broadcast}, {@link Forking}):
 * it picks up to {@link #fanOut} distinct instances from the group's snapshot, fails the call with an
 * {@link UnprocessedRequestException} when there is none, and leaves sending to the targets and
 * combining their answers to {@link #gather}. Thread-safe.
 */
abstract class FanOut implements Strategy {
    final String service;
    final EndpointGroup group;

    FanOut(String service, EndpointGroup group) {
        this.service = service;
        this.group = group;
    }

    @Override
    public final CompletableFuture<Object> invoke(OutgoingCall call) {
        List<EndpointState> targets = group.pickMany(call, fanOut(call));
        if (targets.isEmpty()) {
            return CompletableFuture.failedFuture(new UnprocessedRequestException(
                    "no instance of " + service + " is available"));
        }
        return gather(call, targets);
    }

    /** The most distinct instances {@code call} goes to. */
    abstract int fanOut(OutgoingCall call);

    /**
     * Sends {@code call} to each of {@code targets} (one at least) and combines their answers. Never
     * throws; failures complete the future exceptionally.
     */
    abstract CompletableFuture<Object> gather(OutgoingCall call, List<EndpointState> targets);
}
