package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.Weft;
import io.weft.WeftConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A result that does not fit the method's declared return type (a provider built from another
 * version of the interface, an interceptor gone wrong) reaches the caller as {@code INTERNAL}
 * naming both types, never as a {@link ClassCastException}; Hessian's widened forms of small
 * primitives still arrive as the declared type. Real provider and consumer on loopback.
 */
class ResultTypeIT {
    /** The interface both sides compile against. */
    public interface Typed {
        String text();

        int number();

        short small();

        float ratio();

        char letter();

        List<String> names();

        void nothing();

        CompletableFuture<String> textAsync();

        CompletableFuture<List<String>> namesAsync();
    }

    static final class TypedImpl implements Typed {
        @Override public String text() { return "text"; }
        @Override public int number() { return 42; }
        @Override public short small() { return (short) -7; }
        @Override public float ratio() { return 1.5f; }
        @Override public char letter() { return 'w'; }
        @Override public List<String> names() { return List.of("ada", "bob"); }
        @Override public void nothing() { }
        @Override public CompletableFuture<String> textAsync() { return CompletableFuture.completedFuture("async"); }
        @Override public CompletableFuture<List<String>> namesAsync() {
            return CompletableFuture.completedFuture(List.of("cy"));
        }
    }

    /** Method name → the result the provider's interceptor answers instead of the real one. */
    static final Map<String, Object> replaced = new ConcurrentHashMap<>();
    static final Object NULL = new Object();
    static Weft provider;
    static Weft consumer;
    static Typed typed;

    @BeforeAll
    static void start() {
        provider = Weft.builder(WeftConfig.of(Map.of(WeftConfig.SERVER_PORT, "0", WeftConfig.SERVER_HOST,
                        "127.0.0.1", WeftConfig.APPLICATION, "typed-provider")))
                .serverInterceptor((call, next) -> {
                    Object wrong = replaced.get(call.method().getName());
                    return wrong == null ? next.handle(call)
                            : CompletableFuture.completedFuture(wrong == NULL ? null : wrong);
                })
                .build();
        provider.export(Typed.class, new TypedImpl());
        consumer = Nodes.consumer();
        typed = consumer.reference(Typed.class, ReferenceOptions.builder()
                .directAddress("127.0.0.1:" + provider.serverAddress().orElseThrow().getPort()).build());
    }

    @AfterEach
    void reset() {
        replaced.clear();
    }

    @AfterAll
    static void stop() {
        consumer.close();
        provider.close();
    }

    private static void assertInternal(Throwable e, String method, String actual, String expected) {
        assertThat(e).isInstanceOfSatisfying(RpcException.class, rpc -> {
            assertThat(rpc.status()).isEqualTo(Status.INTERNAL);
            assertThat(rpc.getMessage()).contains(Typed.class.getName() + "." + method + " returned " + actual
                    + ", expected " + expected);
        });
    }

    @Test
    void resultsOfTheDeclaredTypesArriveAsThoseTypes() throws Exception {
        assertThat(typed.text()).isEqualTo("text");
        assertThat(typed.number()).isEqualTo(42);
        assertThat(typed.small()).isEqualTo((short) -7);
        assertThat(typed.ratio()).isEqualTo(1.5f);
        assertThat(typed.letter()).isEqualTo('w');
        assertThat(typed.names()).containsExactly("ada", "bob");
        typed.nothing();
        assertThat(typed.textAsync().get(5, TimeUnit.SECONDS)).isEqualTo("async");
        assertThat(typed.namesAsync().get(5, TimeUnit.SECONDS)).containsExactly("cy");
    }

    @Test
    void wrongTypeForAReferenceReturnIsInternalNamingBothTypes() {
        replaced.put("text", 42);
        assertThatThrownBy(typed::text).satisfies(e -> assertInternal(e, "text", "java.lang.Integer",
                "java.lang.String"));
        replaced.put("names", "not a list");
        assertThatThrownBy(typed::names).satisfies(e -> assertInternal(e, "names", "java.lang.String",
                "java.util.List"));
    }

    @Test
    void wrongTypeOrNullForAPrimitiveReturnIsInternal() {
        replaced.put("number", "forty-two");
        assertThatThrownBy(typed::number).satisfies(e -> assertInternal(e, "number", "java.lang.String", "int"));
        replaced.put("number", NULL);
        assertThatThrownBy(typed::number).satisfies(e -> assertInternal(e, "number", "null", "int"));
        replaced.put("small", 70_000); // an int that does not fit a short is not Hessian's widening
        assertThatThrownBy(typed::small).satisfies(e -> assertInternal(e, "small", "java.lang.Integer", "short"));
    }

    @Test
    void valueForAVoidMethodIsInternal() {
        replaced.put("nothing", "surprise");
        assertThatThrownBy(typed::nothing).satisfies(e -> assertInternal(e, "nothing", "java.lang.String", "void"));
    }

    @Test
    void wrongTypeInAFutureFailsTheFutureWithInternal() {
        replaced.put("textAsync", 42);
        assertThatThrownBy(() -> typed.textAsync().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertInternal(e.getCause(), "textAsync", "java.lang.Integer", "java.lang.String"));
        replaced.put("namesAsync", Map.of("k", "v"));
        assertThatThrownBy(() -> typed.namesAsync().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(e.getCause()).isInstanceOfSatisfying(RpcException.class,
                        rpc -> assertThat(rpc.getMessage()).contains("expected java.util.List")));
    }

    @Test
    void theConsumerKeepsServingAfterAWrongResult() {
        replaced.put("text", 42);
        assertThatThrownBy(typed::text).isInstanceOf(RpcException.class);
        replaced.clear();
        assertThat(typed.text()).isEqualTo("text");
    }
}
