package io.weft.internal.serialization;

import static io.weft.internal.serialization.BulkStringHessian2InputTest.BUFFER;
import static io.weft.internal.serialization.BulkStringHessian2InputTest.CHUNK;
import static io.weft.internal.serialization.BulkStringHessian2InputTest.PIECES;
import static io.weft.internal.serialization.BulkStringHessian2InputTest.assertSameAsHessianLite;
import static io.weft.internal.serialization.BulkStringHessian2InputTest.encode;

import io.weft.internal.serialization.BulkStringHessian2OutputTest.Alphabet;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random differential testing of Weft's bulk string reader against hessian-lite (seconds of CPU, so
 * it runs in the IT phase); the boundary cases stay in {@link BulkStringHessian2InputTest}.
 */
class BulkStringHessian2InputRandomIT {

    @Test
    void decodesManyRandomStringsLikeHessianLite() throws IOException {
        Random random = new Random(0x5eed);
        for (int i = 0; i < 800; i++) {
            Alphabet alphabet = Alphabet.values()[random.nextInt(Alphabet.values().length)];
            int length = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(64);
                case 1 -> random.nextInt(3 * BUFFER);
                case 2 -> CHUNK - 4 + random.nextInt(8);
                default -> random.nextInt(3 * CHUNK);
            };
            byte[] stream = encode(alphabet.random(random, length), random.nextInt(2 * BUFFER));
            assertSameAsHessianLite(stream, true, PIECES[random.nextInt(PIECES.length)]);
        }
    }
}
