package io.weft.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.weft.Status;
import io.weft.internal.serialization.Hessian2Serialization;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Random and hand-made malformed input for the frame decoder, beside the coverage-guided
 * {@link FrameDecoderCoverageFuzzTest} (Jazzer): a bounded random fuzzer with fixed seeds
 * (reproducible) plus one seed per run (printed), mutating valid frames (bit flips, overwritten length fields,
 * truncation, splicing, random chunking), for {@link #BUDGET_NANOS} at most. Whatever comes in,
 * the decoder throws nothing, emits only frames within the limit, answers only GOAWAY and closes
 * after it, and buffers no more than the limit plus one read.
 */
class FrameDecoderFuzzIT {
    private static final int LIMIT = 4096;
    private static final int MAX_CHUNK = 512;
    private static final long BUDGET_NANOS = 8_000_000_000L;
    private static final long[] FIXED_SEEDS = {1, 42, 0xC0FFEE, 0x5746_0101L, 987_654_321};
    private static final Hessian2Serialization HESSIAN = new Hessian2Serialization(List.of());

    private static byte[] validRequest(long id, String text) throws IOException {
        Map<String, String> md = new LinkedHashMap<>();
        md.put(Wire.SERVICE, "io.weft.demo.Greeter");
        md.put(Wire.METHOD, "greet");
        ByteBuf buf = FrameWriter.request(ByteBufAllocator.DEFAULT, id, false, FrameWriter.encodeEntries(md),
                md.size(), 500, Map.of("k", "v"), HESSIAN, new Object[] {text});
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    private static byte[] header(int kind, long id, long metadataLength, long bodyLength) {
        ByteBuffer b = ByteBuffer.allocate(24);
        b.putShort((short) Wire.MAGIC).put(Wire.VERSION).put((byte) kind).put((byte) 0).put((byte) 1)
                .putShort((short) 0).putLong(id).putInt((int) metadataLength).putInt((int) bodyLength);
        return b.array();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    /** Hand-made malformed frames, each with the GOAWAY status it must get. */
    static Stream<Object[]> corpus() throws IOException {
        byte[] valid = validRequest(7, "hello");
        byte[] badVersion = valid.clone();
        badVersion[2] = 2;
        byte[] badKind = valid.clone();
        badKind[3] = 99;
        byte[] badSerialization = valid.clone();
        badSerialization[5] = 9;
        return Stream.of(
                new Object[] {"http request", "GET / HTTP/1.1\r\n\r\n".getBytes(), Status.INVALID_ARGUMENT},
                new Object[] {"tls client hello to a plaintext port", new byte[] {0x16, 0x03, 0x01, 0, 0x50, 1},
                        Status.INVALID_ARGUMENT},
                new Object[] {"wrong version", badVersion, Status.INVALID_ARGUMENT},
                new Object[] {"unknown kind", badKind, Status.INVALID_ARGUMENT},
                new Object[] {"unknown serialization", badSerialization, Status.INVALID_ARGUMENT},
                new Object[] {"4 GiB body", header(FrameKind.REQUEST, 1, 0, 0xFFFF_FFFFL), Status.RESOURCE_EXHAUSTED},
                new Object[] {"4 GiB metadata", header(FrameKind.REQUEST, 1, 0xFFFF_FFFFL, 0), Status.RESOURCE_EXHAUSTED},
                new Object[] {"both lengths just over the limit", header(FrameKind.REQUEST, 1, LIMIT / 2, LIMIT / 2),
                        Status.RESOURCE_EXHAUSTED},
                new Object[] {"request with id 0", header(FrameKind.REQUEST, 0, 0, 0), Status.INVALID_ARGUMENT},
                new Object[] {"metadata of one byte", concat(header(FrameKind.REQUEST, 1, 1, 0), new byte[] {0}),
                        Status.INVALID_ARGUMENT},
                new Object[] {"65535 entries in 2 bytes", concat(header(FrameKind.REQUEST, 1, 2, 0),
                        new byte[] {(byte) 0xFF, (byte) 0xFF}), Status.INVALID_ARGUMENT},
                new Object[] {"key longer than the metadata", concat(header(FrameKind.REQUEST, 1, 8, 0),
                        new byte[] {0, 1, (byte) 0xFF, (byte) 0xFF, 'a', 'b', 'c', 'd'}), Status.INVALID_ARGUMENT},
                new Object[] {"value length 4 GiB", concat(header(FrameKind.REQUEST, 1, 9, 0),
                        new byte[] {0, 1, 0, 1, 'k', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}),
                        Status.INVALID_ARGUMENT},
                new Object[] {"bytes after the last entry", concat(header(FrameKind.REQUEST, 1, 9, 0),
                        new byte[] {0, 0, 1, 2, 3, 4, 5, 6, 7}), Status.INVALID_ARGUMENT},
                new Object[] {"valid frame then garbage", concat(valid, new byte[] {'W', 'X'}), Status.INVALID_ARGUMENT});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void malformedFrameGetsGoAwayWithItsStatusAndClose(String name, byte[] input, Status status) {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(LIMIT));
        feed(ch, input, new SplittableRandom(name.hashCode()));
        List<Object> out = drain(ch);
        assertThat(out).allMatch(o -> o instanceof Frame);
        ByteBuf goAway = ch.readOutbound();
        assertThat(goAway).as("GOAWAY for " + name).isNotNull();
        assertThat(goAway.getByte(3)).isEqualTo(FrameKind.GOAWAY);
        assertThat(goAway.getUnsignedShort(6)).isEqualTo(status.code());
        goAway.release();
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void randomMutationsOfValidFramesNeverEscapeTheDecodersContract() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(validRequest(1, "x"));
        seeds.add(validRequest(2, "a longer argument ".repeat(20)));
        for (Object[] c : corpus().toList()) {
            seeds.add((byte[]) c[1]);
        }
        long runSeed = System.nanoTime();
        System.out.println("FrameDecoderFuzzIT random seed: " + runSeed + " (fixed seeds also run)");
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int cases = 0;
        List<Long> allSeeds = new ArrayList<>();
        for (long s : FIXED_SEEDS) {
            allSeeds.add(s);
        }
        allSeeds.add(runSeed);
        for (long seed : allSeeds) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < 4000 && System.nanoTime() - deadline < 0; i++, cases++) {
                byte[] input = mutate(seeds, random);
                try {
                    checkContract(input, random.split());
                } catch (AssertionError e) {
                    throw new AssertionError("seed " + seed + ", case " + i + ", input "
                            + ByteBufUtil.hexDump(input), e);
                }
            }
        }
        assertThat(cases).isGreaterThan(1000);
    }

    static void checkContract(byte[] input, SplittableRandom random) {
        FrameDecoder decoder = new FrameDecoder(LIMIT);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        int offset = 0;
        while (offset < input.length && ch.isOpen()) {
            int n = Math.min(input.length - offset, 1 + random.nextInt(MAX_CHUNK));
            ch.writeInbound(Unpooled.wrappedBuffer(input, offset, n)); // throws if the pipeline saw an exception
            offset += n;
            assertThat(decoder.bufferedBytes()).isLessThanOrEqualTo(LIMIT + MAX_CHUNK);
        }
        for (Object o : drain(ch)) {
            assertThat(o).isInstanceOf(Frame.class);
            Frame f = (Frame) o;
            assertThat(f.body().readableBytes()).isLessThanOrEqualTo(LIMIT - Wire.HEADER_LENGTH);
            f.release();
        }
        ByteBuf sent = ch.readOutbound();
        if (sent != null) {
            assertThat(sent.getByte(3)).isEqualTo(FrameKind.GOAWAY);
            sent.release();
            assertThat((Object) ch.readOutbound()).isNull();
            assertThat(ch.isOpen()).isFalse();
        }
        ch.finishAndReleaseAll();
    }

    private static byte[] mutate(List<byte[]> seeds, SplittableRandom random) {
        byte[] base = seeds.get(random.nextInt(seeds.size()));
        byte[] b = base.clone();
        int operations = 1 + random.nextInt(4);
        for (int op = 0; op < operations && b.length > 0; op++) {
            switch (random.nextInt(6)) {
                case 0 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                case 2 -> { // overwrite a length, count or id field with an interesting value
                    int[] fields = {8, 16, 20, 24, 26};
                    int at = fields[random.nextInt(fields.length)];
                    int[] values = {0, 1, 2, LIMIT - 24, LIMIT, LIMIT + 1, 0x7FFF_FFFF, -1, random.nextInt()};
                    if (at + 4 <= b.length) {
                        ByteBuffer.wrap(b).putInt(at, values[random.nextInt(values.length)]);
                    }
                }
                case 3 -> b = java.util.Arrays.copyOf(b, random.nextInt(b.length + 1)); // truncate
                case 4 -> b = concat(b, seeds.get(random.nextInt(seeds.size()))); // splice another frame on
                default -> {
                    byte[] noise = new byte[random.nextInt(64)];
                    random.nextBytes(noise);
                    b = concat(b, noise);
                }
            }
        }
        return b;
    }

    private static void feed(EmbeddedChannel ch, byte[] input, SplittableRandom random) {
        int offset = 0;
        while (offset < input.length && ch.isOpen()) {
            int n = Math.min(input.length - offset, 1 + random.nextInt(16));
            ch.writeInbound(Unpooled.wrappedBuffer(input, offset, n));
            offset += n;
        }
    }

    private static List<Object> drain(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
            out.add(o);
        }
        return out;
    }
}
