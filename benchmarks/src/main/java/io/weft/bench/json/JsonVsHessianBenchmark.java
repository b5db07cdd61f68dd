package io.weft.bench.json;

import io.weft.internal.serialization.Hessian2Serialization;
import io.weft.internal.serialization.JsonMethod;
import io.weft.internal.serialization.JsonSerialization;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The request body of the demo's {@code greetAll(GreetingRequest)} in the two serializations of
 * {@code weft/1}: Hessian 2 ({@link Hessian2Serialization}, the argument array as one value) and
 * JSON ({@link JsonSerialization}, the argument array; decoded as a provider does, into the declared
 * parameter type through a {@link JsonMethod}). Encode and decode are measured apart; their sum is
 * the codec's cost per call. The body sizes are printed at setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class JsonVsHessianBenchmark {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private Object[] args;
    private Hessian2Serialization hessian;
    private JsonSerialization json;
    private JsonMethod greetAll;
    private byte[] hessianBytes;
    private byte[] jsonBytes;

    @Setup
    public void setUp() throws Exception {
        args = new Object[] {DemoGreetingRequest.sample()};
        hessian = new Hessian2Serialization(List.of());
        hessian.allowTypesOf(DemoGreetingRequest.Greeter.class);
        json = JsonSerialization.withDefaults();
        greetAll = json.method(DemoGreetingRequest.Greeter.class.getMethod("greetAll", DemoGreetingRequest.class));
        hessianBytes = hessianEncode().toByteArray();
        jsonBytes = jsonEncode().toByteArray();
        if (!Arrays.equals(hessianDecode(), args) || !Arrays.equals(jsonDecode(), args)) {
            throw new IllegalStateException("round trip changed the value");
        }
        System.out.printf("%nbody bytes: hessian2 %d, json %d (%s)%n", hessianBytes.length, jsonBytes.length,
                new String(jsonBytes, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Benchmark
    public ByteArrayOutputStream hessianEncode() throws IOException {
        out.reset();
        hessian.write(args, out);
        return out;
    }

    @Benchmark
    public Object[] hessianDecode() throws IOException {
        return (Object[]) hessian.read(new ByteArrayInputStream(hessianBytes));
    }

    @Benchmark
    public ByteArrayOutputStream jsonEncode() throws IOException {
        out.reset();
        json.write(args, out);
        return out;
    }

    @Benchmark
    public Object[] jsonDecode() throws IOException {
        return greetAll.readArguments(new ByteArrayInputStream(jsonBytes));
    }
}
