package io.weft.internal.transport;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Coverage-guided fuzzing of the frame decoder with Jazzer. It runs in the IT phase only
 * ({@code mvn verify}): this module's Failsafe configuration includes {@code *FuzzTest} and sets
 * {@code JAZZER_FUZZ=1}, so Jazzer replays the inputs directory and then fuzzes for a bounded time;
 * Surefire excludes it (attaching the agent alone costs the unit tier tens of seconds). Run without
 * {@code JAZZER_FUZZ} (e.g. from an IDE) it only replays the inputs (regression mode). The contract checked
 * is {@link FrameDecoderFuzzIT#checkContract}: no exception escapes, only frames within the limit
 * come out, the only answer is GOAWAY and the connection closes after it, nothing beyond the limit
 * is buffered.
 */
class FrameDecoderCoverageFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void decoderKeepsItsContractOnAnyInput(byte[] input) {
        // The chunking of reads is part of the input's identity, so a finding replays exactly.
        FrameDecoderFuzzIT.checkContract(input, new SplittableRandom(Arrays.hashCode(input)));
    }
}
