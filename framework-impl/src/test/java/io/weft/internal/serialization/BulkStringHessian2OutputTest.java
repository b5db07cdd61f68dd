package io.weft.internal.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Weft's bulk string writer against hessian-lite's own {@link Hessian2Output}, byte for byte. */
class BulkStringHessian2OutputTest {

    static final int CHUNK = 0x8000;
    static final int BUFFER = Hessian2Output.SIZE;

    /** Lengths at the short-form, chunk and buffer boundaries. */
    private static final int[] EDGE_LENGTHS = {
        0, 1, 31, 32, 33, 1023, 1024, 1025, 4096, BUFFER - 17, BUFFER - 16, BUFFER - 15, BUFFER,
        BUFFER + 1, 2 * BUFFER, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK - 1, 2 * CHUNK, 2 * CHUNK + 1,
        3 * CHUNK + 7};

    /** Buffer positions the string starts at (bytes already written before it). */
    private static final int[] PREFIXES = {0, 1, BUFFER - 40, BUFFER - 17, BUFFER - 3, 5000};

    enum Alphabet {
        ASCII("az09 ~\u007f"),
        LATIN_1("aé\u0080\u00ff"),
        TWO_AND_THREE_BYTE("a\u07ff\u0800\uffff\u4f60"),
        SURROGATE_PAIRS("a\uD83D\uDE00\uDBFF\uDFFF"),
        ANYTHING(null);

        private final String chars;

        Alphabet(String chars) {
            this.chars = chars;
        }

        String random(Random random, int length) {
            StringBuilder text = new StringBuilder(length);
            while (text.length() < length) {
                if (chars == null) {
                    text.append((char) random.nextInt(0x10000)); // lone surrogates included
                } else {
                    int i = random.nextInt(chars.length());
                    char c = chars.charAt(i);
                    if (Character.isHighSurrogate(c) && text.length() + 1 < length) {
                        text.append(c).append(chars.charAt(i + 1));
                    } else if (!Character.isSurrogate(c)) {
                        text.append(c);
                    }
                }
            }
            return text.toString();
        }
    }

    static Stream<Arguments> edgeCases() {
        List<Arguments> cases = new ArrayList<>();
        Random random = new Random(8);
        for (Alphabet alphabet : Alphabet.values()) {
            for (int length : EDGE_LENGTHS) {
                String text = alphabet.random(random, length);
                cases.add(Arguments.of(Named.of(alphabet + " x" + length, text),
                        PREFIXES[random.nextInt(PREFIXES.length)]));
            }
        }
        // A surrogate pair straddling the chunk boundary: the stock writer shortens the chunk.
        String straddling = "a".repeat(CHUNK - 1) + "\uD83D\uDE00" + "b".repeat(100);
        cases.add(Arguments.of(Named.of("pair across the chunk boundary", straddling), 0));
        cases.add(Arguments.of(Named.of("high surrogate last in a chunk", "x".repeat(CHUNK - 1)
                + "\uD83D"), 3));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} after {1} bytes")
    @MethodSource("edgeCases")
    void writesTheSameBytesAsHessianLiteAtBoundaries(String text, int prefix) throws IOException {
        assertSameBytesAsHessianLite(text, prefix);
    }

    @Test
    void usesTheBulkPathOnThisHessianLite() {
        assertThat(BulkStringHessian2Output.isBulkEncodingAvailable()).isTrue();
    }

    @Test
    void aReusedOutputStartsEveryStreamAfresh() throws IOException {
        List<Object> shared = List.of("s".repeat(40));
        Object graph = Map.of("a", shared, "b", shared, "c", new int[] {1});
        BulkStringHessian2Output output = new BulkStringHessian2Output();
        byte[] first = write(output, graph);
        byte[] plain = write(output, "no references here, only a string");
        byte[] again = write(output, graph);

        assertThat(again).isEqualTo(first).isEqualTo(writeStock(graph));
        assertThat(plain).isEqualTo(writeStock("no references here, only a string"));
    }

    /**
     * Writes {@code prefix} bytes, the text, a byte array whose chunking depends on the buffer
     * position the text left behind, and the text again; both writers must agree on every byte.
     */
    static void assertSameBytesAsHessianLite(String text, int prefix) throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        Hessian2Output stock = new Hessian2Output(expected);
        BulkStringHessian2Output bulk = new BulkStringHessian2Output();
        bulk.init(actual);
        byte[] filler = new byte[Math.max(0, prefix - 3)];
        byte[] after = new byte[BUFFER + 77];
        for (Hessian2Output out : List.of(stock, bulk)) {
            out.writeBytes(filler);
            out.writeString(text);
            out.writeBytes(after);
            out.writeString(text);
            out.flush();
        }

        assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
        Hessian2Input in = new Hessian2Input(new ByteArrayInputStream(actual.toByteArray()));
        in.readBytes();
        assertThat(in.readString()).isEqualTo(text);
    }

    private static byte[] write(Hessian2Output output, Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        output.init(bytes);
        output.writeObject(value);
        output.flush();
        output.free();
        return bytes.toByteArray();
    }

    private static byte[] writeStock(Object value) throws IOException {
        return write(new Hessian2Output(null), value);
    }
}
