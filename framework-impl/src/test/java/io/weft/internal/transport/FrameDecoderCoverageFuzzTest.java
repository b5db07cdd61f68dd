package io.weft.internal.transport;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Coverage-guided fuzzing of the frame decoder with Jazzer. In the unit tier ({@code mvn test},
 * Surefire) it only replays its inputs directory (regression mode, milliseconds); in the IT phase
 * ({@code mvn verify}) this module's Failsafe configuration runs it again with {@code JAZZER_FUZZ=1},
 * fuzzing for a bounded time. The contract checked
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
