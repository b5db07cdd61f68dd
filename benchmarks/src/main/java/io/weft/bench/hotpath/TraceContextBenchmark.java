package io.weft.bench.hotpath;

import io.weft.CallContext;
import io.weft.TraceContext;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What W3C trace propagation costs per call besides writing the header into the frame
 * ({@code FrameCodecBenchmark.encodeRequestFrameWithNewTraceparent}): formatting it as a string
 * when asked, and the provider parsing it into its {@code CallContext}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TraceContextBenchmark {
    private final TraceContext parent = TraceContext.parse(
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null);
    private final String header = parent.traceparent();
    private final Map<String, String> metadata = Map.of("traceparent", header);
    private final Map<String, String> noTrace = Map.of();

    /** What a filter or the access log pays when it asks for the header as a string. */
    @Benchmark
    public String formatTraceparent() {
        return TraceContext.traceparent(parent.traceIdHigh(), parent.traceIdLow(), TraceContext.randomId(),
                parent.flags());
    }

    @Benchmark
    public TraceContext parseTraceparent() {
        return TraceContext.parse(header, null);
    }

    /** The provider's context of a call with a {@code traceparent} and no other user metadata. */
    @Benchmark
    public CallContext serverContextWithTraceparent() {
        return CallContext.forServerCall(metadata, null, null, "web");
    }

    /** The same for a call without one (a new trace is started). */
    @Benchmark
    public CallContext serverContextWithoutTraceparent() {
        return CallContext.forServerCall(noTrace, null, null, "web");
    }
}
