package io.weft.internal.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import io.weft.internal.serialization.BulkStringHessian2OutputTest.Alphabet;
import io.weft.spi.SerializationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Weft's bulk string reader against hessian-lite's own {@link Hessian2Input}: for every input both
 * return the same values, consume the same bytes and fail the same way.
 */
class BulkStringHessian2InputTest {

    static final int CHUNK = 0x8000;
    /** hessian-lite's read buffer. */
    static final int BUFFER = 1024;

    /** Lengths at the short-form, chunk and read-buffer boundaries. */
    private static final int[] EDGE_LENGTHS = {
        0, 1, 2, 31, 32, 33, 341, 342, 512, 1023, 1024, 1025, 2047, 4096, CHUNK - 1, CHUNK, CHUNK + 1,
        2 * CHUNK - 1, 2 * CHUNK + 1, 3 * CHUNK + 7};

    /** How the input stream hands out bytes: all it can, or a few at a time (refills anywhere). */
    static final int[] PIECES = {Integer.MAX_VALUE, 1, 7, 333, 1000};

    @Test
    void usesTheBulkPathOnThisHessianLite() {
        assertThat(BulkStringHessian2Input.isBulkDecodingAvailable()).isTrue();
    }

    @Test
    void decodesEdgeLengthsLikeHessianLite() throws IOException {
        Random random = new Random(31);
        int cases = 0;
        for (Alphabet alphabet : Alphabet.values()) {
            for (int length : EDGE_LENGTHS) {
                String text = alphabet.random(random, length);
                for (int prefix : new int[] {0, 1, BUFFER - 4, BUFFER - 2, random.nextInt(2 * BUFFER)}) {
                    byte[] stream = encode(text, prefix);
                    int pieces = PIECES[random.nextInt(PIECES.length)];
                    assertThat(readAll(new BulkStringHessian2Input(), stream, true, pieces, true, true))
                            .element(1).isEqualTo(text);
                    assertSameAsHessianLite(stream, true, pieces);
                    cases++;
                }
            }
        }
        assertThat(cases).isEqualTo(Alphabet.values().length * EDGE_LENGTHS.length * 5);
    }

    @Test
    void decodesSurrogatesAndChunkEdgesLikeHessianLite() throws IOException {
        List<String> texts = List.of(
                "a".repeat(CHUNK - 1) + "\uD83D\uDE00" + "b".repeat(100), // pair across the chunk edge
                "x".repeat(CHUNK - 1) + "\uD83D", // lone high surrogate last in a chunk
                "\uDE00\uD83D".repeat(700), // lone surrogates, reversed pairs
                "\uDBFF\uDFFF".repeat(CHUNK), // supplementary only: 4 chunks of 6-byte pairs
                "\u0800".repeat(BUFFER)); // 3-byte chars straddling every buffer end
        for (String text : texts) {
            for (int prefix = 0; prefix < 6; prefix++) {
                for (int pieces : PIECES) {
                    assertSameAsHessianLite(encode(text, prefix), true, pieces);
                }
            }
        }
    }

    /** Random bytes after a string tag: bad lead bytes, unchecked continuations, bad chunk tags, end of input. */
    @Test
    void decodesArbitraryBytesLikeHessianLite() throws IOException {
        Random random = new Random(77);
        byte[] tags = {0x05, 0x1f, 0x30, 0x33, 'S', 'R'};
        for (int i = 0; i < 4000; i++) {
            byte[] input = new byte[1 + random.nextInt(random.nextBoolean() ? 40 : 3000)];
            random.nextBytes(input);
            input[0] = tags[random.nextInt(tags.length)];
            if (input.length > 2 && (input[0] == 'S' || input[0] == 'R')) {
                input[1] = (byte) random.nextInt(12); // lengths the input can nearly hold
            }
            if (random.nextBoolean()) { // mostly ASCII, so the decoder gets far
                for (int j = 3; j < input.length; j++) {
                    input[j] = random.nextInt(10) == 0 ? input[j] : (byte) (input[j] & 0x7f);
                }
            }
            assertSameAsHessianLite(input, false, PIECES[random.nextInt(PIECES.length)]);
        }
    }

    @Test
    void truncatedStringsFailThroughTheSerialization() {
        Hessian2Serialization serialization = new Hessian2Serialization(List.of());
        Random random = new Random(5);
        for (Alphabet alphabet : Alphabet.values()) {
            String text = alphabet.random(random, 3000);
            byte[] whole = encodeString(text);
            for (int cut : new int[] {1, 2, 3, whole.length / 2, whole.length - 1}) {
                byte[] truncated = Arrays.copyOf(whole, cut);
                assertThatThrownBy(() -> serialization.read(new ByteArrayInputStream(truncated)))
                        .isInstanceOf(SerializationException.class);
            }
        }
    }

    private static byte[] encodeString(String text) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Hessian2Output out = new Hessian2Output(bytes);
            out.writeString(text);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The filler bytes, the text as a string, the text as an object in a list, and a trailing int. */
    static byte[] encode(String text, int prefix) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Hessian2Output out = new Hessian2Output(bytes);
            out.writeBytes(new byte[Math.max(0, prefix - 3)]);
            out.writeString(text);
            out.writeObject(new ArrayList<>(List.of(text, "tail")));
            out.writeInt(42);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads {@code input} with both readers, value after value until the input fails, the string
     * value once through {@code readString} and once through {@code readObject}, from a plain
     * stream (end of input reads as -1) and behind {@link EndCheckingInputStream}; both readers
     * must see the same values and the same failure.
     */
    static void assertSameAsHessianLite(byte[] input, boolean filler, int pieces) throws IOException {
        for (boolean endChecking : new boolean[] {false, true}) {
            for (boolean asString : new boolean[] {true, false}) {
                List<Object> expected = readAll(new Hessian2Input(null), input, filler, pieces, endChecking, asString);
                List<Object> actual =
                        readAll(new BulkStringHessian2Input(), input, filler, pieces, endChecking, asString);
                assertThat(actual).isEqualTo(expected);
            }
        }
    }

    private static List<Object> readAll(Hessian2Input reader, byte[] input, boolean filler, int pieces,
                                        boolean endChecking, boolean asString) {
        InputStream source = new PiecewiseInputStream(input, pieces);
        if (endChecking) {
            EndCheckingInputStream checking = new EndCheckingInputStream();
            checking.attach(source);
            source = checking;
        }
        reader.init(source);
        List<Object> values = new ArrayList<>();
        try {
            if (filler) {
                values.add(Arrays.toString((byte[]) reader.readObject()));
            }
            values.add(asString ? reader.readString() : comparable(reader.readObject()));
            for (int i = 0; i < 4; i++) {
                values.add(comparable(reader.readObject()));
            }
        } catch (IOException e) {
            values.add("failed: " + e.getClass().getName() + ": " + e.getMessage());
        } catch (RuntimeException e) { // the JIT may drop the message of a hot implicit exception
            values.add("failed: " + e.getClass().getName());
        }
        return values;
    }

    /** Arrays (which random input may decode to) compared by content, not identity. */
    private static Object comparable(Object value) {
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(BulkStringHessian2InputTest::comparable).toList();
        }
        if (value != null && value.getClass().isArray()) {
            return value.getClass().getName() + Arrays.deepToString(new Object[] {value});
        }
        return value;
    }

    /** An in-memory stream that hands out at most {@code pieces} bytes per read. */
    private static final class PiecewiseInputStream extends InputStream {
        private final byte[] bytes;
        private final int pieces;
        private int position;

        PiecewiseInputStream(byte[] bytes, int pieces) {
            this.bytes = Objects.requireNonNull(bytes);
            this.pieces = pieces;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, pieces), bytes.length - position);
            System.arraycopy(bytes, position, buffer, offset, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return bytes.length - position;
        }
    }
}
