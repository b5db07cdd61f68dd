package io.weft.internal.transport;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Coverage-guided fuzzing of the frame decoder with Jazzer. Under {@code mvn verify} Jazzer runs in
 * fuzzing mode ({@code JAZZER_FUZZ=1}, set by this module's Surefire configuration) for a bounded
 * time; without it the test replays its inputs directory (regression mode). The contract checked
 * is {@link FrameDecoderFuzzTest#checkContract}: no exception escapes, only frames within the limit
 * come out, the only answer is GOAWAY and the connection closes after it, nothing beyond the limit
 * is buffered.
 */
class FrameDecoderCoverageFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void decoderKeepsItsContractOnAnyInput(byte[] input) {
        // The chunking of reads is part of the input's identity, so a finding replays exactly.
        FrameDecoderFuzzTest.checkContract(input, new SplittableRandom(Arrays.hashCode(input)));
    }
}
