package io.weft.bench.serialization;

import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import com.alibaba.com.caucho.hessian.io.SerializerFactory;
import io.weft.internal.serialization.Hessian2Serialization;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding and decoding one Hessian 2 value, Weft's serialization against stock hessian-lite.
 *
 * <p>{@code stock*} is hessian-lite 4.0.3 used the way Weft used it before issue 8: one {@code
 * Hessian2Output}/{@code Hessian2Input} reused per thread ({@code init}, write, {@code flush},
 * {@code free}), a plain {@code SerializerFactory}, no allow-list. {@code weft*} is {@link
 * Hessian2Serialization} (allow-list, record handles, bulk strings, reset only when needed). Both
 * write to and read from reused in-memory streams, so the numbers are the codec alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SerializationBenchmark {

    /** {@code dto}: {@link OrderDto#sample()}; {@code string4k}: a 4 KiB ASCII-and-Latin text. */
    @Param({"dto", "string4k"})
    public String payload;

    private Object value;
    private final Reusable out = new Reusable();
    private Hessian2Serialization weft;
    private final SerializerFactory stockFactory = new SerializerFactory();
    private final Hessian2Output stockOutput = new Hessian2Output(null);
    private final Hessian2Input stockInput = new Hessian2Input(null);
    private byte[] weftBytes;
    private byte[] stockBytes;

    @Setup
    public void setUp() throws IOException {
        value = switch (payload) {
            case "dto" -> OrderDto.sample();
            case "string4k" -> "Weft über Hessian — ".repeat(205).substring(0, 4096);
            default -> throw new IllegalArgumentException(payload);
        };
        weft = new Hessian2Serialization(List.of());
        weft.allowPackageOf(OrderDto.class);
        stockFactory.setAllowNonSerializable(true);
        stockOutput.setSerializerFactory(stockFactory);
        stockInput.setSerializerFactory(stockFactory);
        weftBytes = weftEncode().toByteArray();
        stockBytes = stockEncode().toByteArray();
        if (!weftDecode().equals(value) || !stockDecode().equals(value)) {
            throw new IllegalStateException("round trip changed the value");
        }
    }

    @Benchmark
    public ByteArrayOutputStream weftEncode() throws IOException {
        out.reset();
        weft.write(value, out);
        return out;
    }

    @Benchmark
    public ByteArrayOutputStream stockEncode() throws IOException {
        out.reset();
        stockOutput.init(out);
        stockOutput.writeObject(value);
        stockOutput.flush();
        stockOutput.free();
        return out;
    }

    @Benchmark
    public Object weftDecode() throws IOException {
        return weft.read(new ByteArrayInputStream(weftBytes));
    }

    @Benchmark
    public Object stockDecode() throws IOException {
        stockInput.init(new ByteArrayInputStream(stockBytes));
        Object result = stockInput.readObject();
        stockInput.init(null);
        return result;
    }

    /** A byte sink reused across invocations, so encoding measures no stream growth. */
    static final class Reusable extends ByteArrayOutputStream {
        Reusable() {
            super(16 * 1024);
        }
    }
}
