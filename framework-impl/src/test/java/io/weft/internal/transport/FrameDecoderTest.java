package io.weft.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.weft.Status;
import io.weft.internal.serialization.Hessian2Serialization;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FrameDecoderTest {
    private static final int LIMIT = 64 * 1024;
    private final Hessian2Serialization hessian = new Hessian2Serialization(List.of());

    private static ByteBuf request(long id, Map<String, String> fixed, Object[] args, Hessian2Serialization s)
            throws IOException {
        return FrameWriter.request(ByteBufAllocator.DEFAULT, id, false, FrameWriter.encodeEntries(fixed),
                fixed.size(), 500, Map.of("tier", "beta"), s, args);
    }

    private static Map<String, String> serviceAndMethod() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Wire.SERVICE, "io.weft.demo.Greeter");
        m.put(Wire.METHOD, "greet");
        return m;
    }

    @Test
    void anInlineTraceparentIsDecodedAsTheHeaderItsNumbersSpell() throws IOException {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(LIMIT));
        ch.writeInbound(FrameWriter.request(ByteBufAllocator.DEFAULT, 7, false,
                FrameWriter.encodeEntries(serviceAndMethod()), 2, 500, Map.of("tier", "beta"),
                0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L, 0x00f067aa0ba902b7L, 1, hessian, new Object[] {"Ada"}));
        Frame decoded = ch.readInbound();
        assertThat(decoded.metadata())
                .containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .containsEntry("tier", "beta").containsEntry(Wire.TIMEOUT_MS, "500").hasSize(5);
        decoded.release();
        ch.finishAndReleaseAll();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {0, 7, 9, 10, 99, 100, 3000, 86_400_000, Long.MAX_VALUE})
    void theTimeoutIsDecodedAsTheDecimalDigitsOfItsMilliseconds(long timeoutMs) throws IOException {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(LIMIT));
        ch.writeInbound(FrameWriter.request(ByteBufAllocator.DEFAULT, 7, false,
                FrameWriter.encodeEntries(serviceAndMethod()), 2, timeoutMs, Map.of("tier", "beta"),
                0, 0, 0, 0, hessian, new Object[] {"Ada"}));
        Frame decoded = ch.readInbound();
        assertThat(decoded.metadata()).containsEntry(Wire.TIMEOUT_MS, Long.toString(timeoutMs))
                .containsEntry("tier", "beta").hasSize(4);
        assertThat((Object[]) hessian.read(new io.netty.buffer.ByteBufInputStream(decoded.body()))).containsExactly("Ada");
        decoded.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void decodesARequestDeliveredOneByteAtATime() throws IOException {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(LIMIT));
        ByteBuf frame = request(42, serviceAndMethod(), new Object[] {"Ada"}, hessian);
        while (frame.isReadable()) {
            ch.writeInbound(frame.readRetainedSlice(1));
        }
        frame.release();
        Frame decoded = ch.readInbound();
        assertThat(decoded.kind()).isEqualTo(FrameKind.REQUEST);
        assertThat(decoded.id()).isEqualTo(42);
        assertThat(decoded.metadata()).containsEntry(Wire.SERVICE, "io.weft.demo.Greeter")
                .containsEntry(Wire.METHOD, "greet").containsEntry(Wire.TIMEOUT_MS, "500")
                .containsEntry("tier", "beta");
        Object args = hessian.read(new io.netty.buffer.ByteBufInputStream(decoded.body()));
        assertThat((Object[]) args).containsExactly("Ada");
        decoded.release();
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void headerFieldsAreAtTheOffsetsOfTheContract() throws IOException {
        ByteBuf frame = request(7, serviceAndMethod(), new Object[] {"x"}, hessian);
        assertThat(frame.getUnsignedShort(0)).isEqualTo(0x5746);
        assertThat(frame.getByte(2)).isEqualTo((byte) 1);
        assertThat(frame.getByte(3)).isEqualTo(FrameKind.REQUEST);
        assertThat(frame.getByte(4)).isEqualTo((byte) 0);
        assertThat(frame.getByte(5)).isEqualTo((byte) 1);
        assertThat(frame.getUnsignedShort(6)).isZero();
        assertThat(frame.getLong(8)).isEqualTo(7);
        long m = frame.getUnsignedInt(16);
        long b = frame.getUnsignedInt(20);
        assertThat(24 + m + b).isEqualTo(frame.readableBytes());
        assertThat(frame.getUnsignedShort(24)).isEqualTo(4); // :service, :method, :timeout-ms, tier
        frame.release();
    }

    /** The 24-byte header of a REQUEST frame (version 1, Hessian2, no flags) followed by nothing. */
    private static ByteBuf requestHeader(long id, int metadataLength, int bodyLength) {
        ByteBuf frame = Unpooled.buffer();
        frame.writeShort(0x5746).writeByte(1).writeByte(FrameKind.REQUEST).writeByte(0).writeByte(1).writeShort(0)
                .writeLong(id);
        return frame.writeInt(metadataLength).writeInt(bodyLength);
    }

    static Stream<Arguments> malformedFrames() {
        return Stream.of(
                arguments(named("bad magic", Unpooled.wrappedBuffer(new byte[] {'G', 'E', 'T', ' ', '/'})),
                        Status.INVALID_ARGUMENT, "magic"),
                arguments(named("wrong version", Unpooled.wrappedBuffer(new byte[] {0x57, 0x46, 9})),
                        Status.INVALID_ARGUMENT, "version"),
                arguments(named("oversize frame, refused from its header alone", requestHeader(1, 0, 0x7FFFFFFF)),
                        Status.RESOURCE_EXHAUSTED, "exceeds the limit"),
                // key length 200 but only 6 bytes follow
                arguments(named("truncated metadata",
                                requestHeader(1, 10, 0).writeShort(1).writeShort(200).writeBytes(new byte[6])),
                        Status.INVALID_ARGUMENT, "truncated"),
                arguments(named("metadata announcing more entries than bytes, refused before allocating",
                                requestHeader(1, 2, 0).writeShort(0xFFFF)),
                        Status.INVALID_ARGUMENT, "65535 entries"),
                arguments(named("unknown kind",
                                Unpooled.buffer().writeShort(0x5746).writeByte(1).writeByte(99).writeZero(20)),
                        Status.INVALID_ARGUMENT, "unknown frame kind 99"),
                arguments(named("zero request id", Unpooled.buffer().writeShort(0x5746).writeByte(1)
                                .writeByte(FrameKind.REQUEST).writeZero(20)),
                        Status.INVALID_ARGUMENT, "non-zero request id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFrames")
    void malformedFrameGetsGoAwayNamingTheProblemAndClose(ByteBuf frame, Status status, String messagePart) {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(LIMIT));
        ch.writeInbound(frame);
        assertGoAway(ch, status, messagePart);
    }

    @Test
    void bytesAfterAProtocolErrorAreIgnored() throws IOException {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(LIMIT));
        ByteBuf garbageThenFrame = Unpooled.buffer();
        garbageThenFrame.writeBytes(new byte[] {1, 2, 3});
        ByteBuf valid = request(1, serviceAndMethod(), new Object[] {"x"}, hessian);
        garbageThenFrame.writeBytes(valid);
        valid.release();
        ch.writeInbound(garbageThenFrame);
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void pingAndGoAwayRoundTrip() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(LIMIT));
        ch.writeInbound(FrameWriter.ping(ByteBufAllocator.DEFAULT, 99));
        ch.writeInbound(FrameWriter.goAway(ByteBufAllocator.DEFAULT, Status.OK, "bye"));
        Frame ping = ch.readInbound();
        assertThat(ping.kind()).isEqualTo(FrameKind.PING);
        assertThat(ping.id()).isEqualTo(99);
        Frame goAway = ch.readInbound();
        assertThat(goAway.kind()).isEqualTo(FrameKind.GOAWAY);
        assertThat(goAway.metadata()).containsEntry(Wire.MESSAGE, "bye");
        ping.release();
        goAway.release();
    }

    /** A REQUEST frame whose metadata holds exactly {@code entries} (key, value, key, value…), duplicates kept. */
    private static ByteBuf requestWithEntries(String... entries) {
        ByteBuf metadata = Unpooled.buffer();
        metadata.writeShort(entries.length / 2);
        for (int i = 0; i < entries.length; i += 2) {
            byte[] key = entries[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] value = entries[i + 1].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            metadata.writeShort(key.length).writeBytes(key).writeInt(value.length).writeBytes(value);
        }
        ByteBuf frame = requestHeader(7, metadata.readableBytes(), 0).writeBytes(metadata);
        metadata.release();
        return frame;
    }

    private static String[] manyEntries(int count) {
        String[] entries = new String[count * 2];
        for (int i = 0; i < count; i++) {
            entries[2 * i] = "k" + i;
            entries[2 * i + 1] = "v";
        }
        return entries;
    }

    @Test
    void metadataWithMoreEntriesThanTheLimitGetsGoAwayBeforeAnyKeyIsHashed() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(LIMIT));
        ch.writeInbound(requestWithEntries(manyEntries(Wire.DEFAULT_MAX_METADATA_ENTRIES + 1)));
        assertThat((Object) ch.readInbound()).isNull();
        assertGoAway(ch, Status.INVALID_ARGUMENT, "65 entries, more than the limit of 64");
    }

    @Test
    void metadataUpToTheConfiguredLimitIsDecoded() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(LIMIT, 0, 100));
        ch.writeInbound(requestWithEntries(manyEntries(100)));
        Frame frame = ch.readInbound();
        assertThat(frame.metadata()).hasSize(100);
        frame.release();
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void duplicateReservedMetadataKeyIsAProtocolError() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(LIMIT));
        ch.writeInbound(requestWithEntries(Wire.SERVICE, "s", Wire.METHOD, "m", Wire.APP, "web", Wire.APP, "admin"));
        assertThat((Object) ch.readInbound()).isNull();
        assertGoAway(ch, Status.INVALID_ARGUMENT, "reserved metadata key :app appears more than once");
    }

    @Test
    void duplicateUserMetadataKeyKeepsTheLastValue() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(LIMIT));
        ch.writeInbound(requestWithEntries(Wire.SERVICE, "s", "tier", "a", "tier", "b"));
        Frame frame = ch.readInbound();
        assertThat(frame.metadata()).containsEntry("tier", "b");
        frame.release();
        ch.finishAndReleaseAll();
    }

    private static void assertGoAway(EmbeddedChannel ch, Status status, String messagePart) {
        ByteBuf out = ch.readOutbound();
        assertThat(out).as("a GOAWAY frame was written").isNotNull();
        EmbeddedChannel reader = new EmbeddedChannel(new FrameDecoder(LIMIT));
        reader.writeInbound(out);
        Frame goAway = reader.readInbound();
        assertThat(goAway.kind()).isEqualTo(FrameKind.GOAWAY);
        assertThat(goAway.status()).isEqualTo(status.code());
        assertThat(goAway.metadata().get(Wire.MESSAGE)).contains(messagePart);
        goAway.release();
        assertThat(ch.isOpen()).as("connection closed after GOAWAY").isFalse();
    }
}
