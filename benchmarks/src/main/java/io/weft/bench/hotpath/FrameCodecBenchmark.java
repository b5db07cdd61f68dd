package io.weft.bench.hotpath;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.weft.internal.serialization.Hessian2Serialization;
import io.weft.internal.transport.Frame;
import io.weft.internal.transport.FrameDecoder;
import io.weft.internal.transport.FrameWriter;
import io.weft.spi.Serialization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The {@code weft/1} frame codec as the echo call uses it: encode a request (header, pre-encoded
 * metadata, Hessian argument array) into a pooled buffer, and decode one frame (header checks,
 * metadata map, body slice).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameCodecBenchmark {
    @Param({"100", "4096"})
    int payloadBytes;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private Serialization serialization;
    private byte[] fixedMetadata;
    private Object[] args;
    private ByteBuf encodedRequest;
    private EmbeddedChannel decoder;

    @Setup
    public void setUp() throws Exception {
        serialization = new Hessian2Serialization(java.util.List.of());
        Map<String, String> fixed = new LinkedHashMap<>();
        fixed.put(":service", "io.weft.bench.Echo");
        fixed.put(":method", "echo");
        fixed.put(":app", "bench-client");
        fixedMetadata = FrameWriter.encodeEntries(fixed);
        args = new Object[] {"x".repeat(payloadBytes)};
        encodedRequest = encodeRequest();
        decoder = new EmbeddedChannel(new FrameDecoder(8 << 20));
    }

    @TearDown
    public void tearDown() {
        encodedRequest.release();
        decoder.finishAndReleaseAll();
    }

    private ByteBuf encodeRequest() throws Exception {
        return FrameWriter.request(alloc, 42, false, fixedMetadata, 3, 3000, Map.of(), serialization, args);
    }

    @Benchmark
    public int encodeRequestFrame() throws Exception {
        ByteBuf buf = encodeRequest();
        int size = buf.readableBytes();
        buf.release();
        return size;
    }

    /** {@link #encodeRequestFrame} plus what tracing adds per call: a new trace's {@code traceparent}, inline. */
    @Benchmark
    public int encodeRequestFrameWithNewTraceparent() throws Exception {
        ByteBuf buf = FrameWriter.request(alloc, 42, false, fixedMetadata, 3, 3000, Map.of(),
                io.weft.TraceContext.randomId(), io.weft.TraceContext.randomId(), io.weft.TraceContext.randomId(),
                io.weft.TraceContext.SAMPLED, serialization, args);
        int size = buf.readableBytes();
        buf.release();
        return size;
    }

    @Benchmark
    public long decodeRequestFrame() {
        decoder.writeInbound(encodedRequest.retainedDuplicate());
        Frame frame = decoder.readInbound();
        long id = frame.id() + frame.metadata().size();
        frame.release();
        return id;
    }

    @Benchmark
    public Object decodeArguments() throws Exception {
        return serialization.read(new io.netty.buffer.ByteBufInputStream(encodedRequest.duplicate()
                .skipBytes(encodedRequest.readableBytes() - bodyLength())));
    }

    private int bodyLength() {
        return encodedRequest.getInt(20);
    }
}
