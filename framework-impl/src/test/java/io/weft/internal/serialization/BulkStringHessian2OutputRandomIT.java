package io.weft.internal.serialization;

import static io.weft.internal.serialization.BulkStringHessian2OutputTest.BUFFER;
import static io.weft.internal.serialization.BulkStringHessian2OutputTest.CHUNK;
import static io.weft.internal.serialization.BulkStringHessian2OutputTest.assertSameBytesAsHessianLite;

import io.weft.internal.serialization.BulkStringHessian2OutputTest.Alphabet;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random differential testing of Weft's bulk string writer against hessian-lite (seconds of CPU, so
 * it runs in the IT phase); the boundary cases stay in {@link BulkStringHessian2OutputTest}.
 */
class BulkStringHessian2OutputRandomIT {

    @Test
    void writesTheSameBytesAsHessianLiteForManyRandomStrings() throws IOException {
        Random random = new Random(0x8ead);
        for (int i = 0; i < 600; i++) {
            Alphabet alphabet = Alphabet.values()[random.nextInt(Alphabet.values().length)];
            int length = random.nextBoolean() ? random.nextInt(3 * BUFFER) : random.nextInt(3 * CHUNK);
            assertSameBytesAsHessianLite(alphabet.random(random, length), random.nextInt(2 * BUFFER));
        }
    }
}
