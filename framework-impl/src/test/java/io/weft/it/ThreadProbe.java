package io.weft.it;

import io.weft.NonBlocking;

/** Says which thread served a call; one method holds its thread until the test releases it. */
public interface ThreadProbe {
    /** Marked {@link NonBlocking} here, on the interface. */
    @NonBlocking
    String interfaceMarked();

    /** Marked {@link NonBlocking} on the implementation's method only. */
    String implementationMarked();

    /** Not marked. */
    String unmarked();

    /** Holds its thread until released (at most 30 s); not marked. */
    String hold();
}
