package io.weft.bench.hotpath;

import io.weft.ClientCall;
import io.weft.Deadline;
import io.weft.ServerCall;
import io.weft.bench.Echo;
import io.weft.internal.governance.ConsumerGovernance;
import io.weft.internal.governance.Governance;
import io.weft.internal.governance.ProviderGovernance;
import io.weft.internal.governance.RuleSource;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The governance filter (client) and interceptor (server) around one echo call, with no rules and
 * with routing, throttling, fault and security rules present that all let the call pass (the
 * rules the comparison matrix runs with), and ({@code concurrency}) with two consumer-side
 * {@code maxConcurrent} limits that both match. The next stage completes at once, so this is the
 * cost of the chains themselves.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GovernanceChainBenchmark {
    static final Map<String, String> RULES = Map.of(
            "throttling", "{\"limits\":["
                    + "{\"name\":\"server-qps\",\"side\":\"provider\",\"match\":{\"methods\":[\"echo\"]},\"qps\":1.0E9},"
                    + "{\"name\":\"server-conc\",\"side\":\"provider\",\"maxConcurrent\":1000000},"
                    + "{\"name\":\"client-qps\",\"side\":\"consumer\",\"qps\":1.0E9}]}",
            "faults", "{\"faults\":[{\"name\":\"never\",\"side\":\"consumer\",\"match\":{\"methods\":[\"echo\"]},"
                    + "\"delay\":{\"ms\":1,\"percent\":0}}]}",
            "security", "{\"defaultAction\":\"deny\",\"rules\":[{\"action\":\"allow\","
                    + "\"match\":{\"consumerApps\":[\"bench-client\"],\"methods\":[\"echo\"]}}]}");
    static final Map<String, String> CONCURRENCY_RULES = Map.of(
            "throttling", "{\"limits\":["
                    + "{\"name\":\"all\",\"side\":\"consumer\",\"maxConcurrent\":1000000},"
                    + "{\"name\":\"echo\",\"side\":\"consumer\",\"match\":{\"methods\":[\"echo\"]},"
                    + "\"maxConcurrent\":1000000}]}");
    private static final CompletionStage<Object> DONE = CompletableFuture.completedFuture("ok");

    @Param({"none", "passing", "concurrency"})
    String rules;

    private ConsumerGovernance consumer;
    private ProviderGovernance provider;
    private Method echo;

    @Setup
    public void setUp() throws Exception {
        Map<String, String> present = switch (rules) {
            case "passing" -> RULES;
            case "concurrency" -> CONCURRENCY_RULES;
            default -> Map.of();
        };
        RuleSource source = (service, kind, listener) -> {
            listener.accept(present.containsKey(kind)
                    ? Optional.of(new RuleSource.RawRule(present.get(kind), 1)) : Optional.empty());
            return () -> { };
        };
        Governance governance = new Governance(source, service -> { });
        consumer = new ConsumerGovernance(governance, "bench-client", Runnable::run);
        provider = new ProviderGovernance(governance, "127.0.0.1:20880", service -> 1);
        echo = Echo.class.getMethod("echo", String.class);
    }

    @Benchmark
    public CompletionStage<Object> clientFilter() {
        return consumer.filter(new BenchClientCall(echo), call -> DONE);
    }

    @Benchmark
    public CompletionStage<Object> serverInterceptor() {
        return provider.intercept(new BenchServerCall(echo), call -> DONE);
    }

    private record BenchClientCall(String service, Method method, Object[] arguments, Deadline deadline,
                                   Map<String, String> metadata) implements ClientCall {
        BenchClientCall(Method method) {
            this(Echo.class.getName(), method, new Object[] {"hello"}, Deadline.after(Duration.ofSeconds(3)),
                    new HashMap<>(2));
        }

        @Override
        public boolean oneWay() {
            return false;
        }
    }

    private record BenchServerCall(String service, Method method, Object[] arguments, Deadline deadline,
                                   Map<String, String> metadata) implements ServerCall {
        private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);
        private static final Map<String, String> METADATA = Map.of(":service", Echo.class.getName(),
                ":method", "echo", ":app", "bench-client", ":timeout-ms", "3000");

        BenchServerCall(Method method) {
            this(Echo.class.getName(), method, new Object[] {"hello"}, Deadline.after(Duration.ofSeconds(3)),
                    METADATA);
        }

        @Override
        public Optional<String> callerApplication() {
            return Optional.of("bench-client");
        }

        @Override
        public InetSocketAddress peer() {
            return PEER;
        }
    }
}
