package io.weft.internal.transport;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many rounds of synthetic calls a warm-up of the call path runs, for the provider's
 * ({@code ServerWarmup}) and the consumer's ({@code ClientWarmup}) alike: the first warm-up of a
 * JVM spends the {@code weft.transport.warmup-calls} budget so that the JIT compiles the path, every
 * later one runs a single round, which loads its own classes (docs/architecture.md, "Warm-up at export").
 */
public final class WarmupRounds {
    private WarmupRounds() {}

    /**
     * As many whole rounds of {@code callsPerRound} as fit in {@code budget} when that is two or more and
     * {@code roundsRun} is not yet set (it is set then), else one.
     *
     * @param roundsRun set by the warm-up that spent the budget; one per side of the JVM
     */
    public static int of(int budget, int callsPerRound, AtomicBoolean roundsRun) {
        return budget >= 2 * callsPerRound && roundsRun.compareAndSet(false, true) ? budget / callsPerRound : 1;
    }
}
