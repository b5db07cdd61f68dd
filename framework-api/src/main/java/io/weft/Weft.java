package io.weft;

import io.weft.spi.WeftProvider;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The entry point: one {@code Weft} per process offers services ({@link #export}) and calls
 * others ({@link #reference}). Thread-safe. The implementation is found with {@link ServiceLoader}
 * (add {@code framework-impl} at run time), the registry by the scheme of
 * {@code weft.registry.address}.
 *
 * <pre>{@code
 * try (Weft weft = Weft.create()) {                       // reads WeftConfig.load()
 *     weft.export(Greeter.class, new GreeterImpl());       // listen, register
 *     Greeter greeter = weft.reference(Greeter.class);     // discover, call
 *     greeter.greet("Ada");
 * }
 * }</pre>
 */
public interface Weft extends AutoCloseable {

    /** A Weft configured by {@link WeftConfig#load()}. */
    static Weft create() {
        return builder(WeftConfig.load()).build();
    }

    static Weft create(WeftConfig config) {
        return builder(config).build();
    }

    static Builder builder(WeftConfig config) {
        return new Builder(config);
    }

    /**
     * Serves {@code implementation} as {@code serviceInterface}: starts the server on first export
     * and registers the instance when a registry is configured.
     *
     * @throws IllegalArgumentException if {@code serviceInterface} is not an interface or a method
     *     is malformed (e.g. {@link OneWay} on a non-void method)
     */
    <T> Exported export(Class<T> serviceInterface, T implementation, ExportOptions options);

    default <T> Exported export(Class<T> serviceInterface, T implementation) {
        return export(serviceInterface, implementation, ExportOptions.defaults());
    }

    /**
     * Serves {@code service} through {@code handler} without Java classes: the generic (JSON-only)
     * export. Its provider node lists {@code "serializations":["json"]} and {@code methods}; a
     * request in another serialization is refused with {@code INVALID_ARGUMENT}, a method not in
     * {@code methods} with {@code NOT_FOUND} (an empty list accepts any method name). Governance
     * and interceptors apply as for {@link #export}; {@link ServerCall#methodName()} names the
     * method and {@link ServerCall#arguments()} holds the JSON argument array as one string.
     *
     * @throws IllegalArgumentException if {@code service} is blank or a method name is blank
     */
    Exported exportGeneric(String service, List<String> methods, GenericService handler, ExportOptions options);

    /**
     * A stub for {@code serviceInterface}. Synchronous methods block until the result or the
     * deadline; methods returning {@code CompletableFuture} return at once; {@link OneWay} methods
     * return once the request is written. Failures are {@link RpcException}s.
     */
    <T> T reference(Class<T> serviceInterface, ReferenceOptions options);

    default <T> T reference(Class<T> serviceInterface) {
        return reference(serviceInterface, ReferenceOptions.defaults());
    }

    /**
     * A generic reference to {@code service}: calls by method name with JSON arguments, no Java
     * interface needed (DESIGN §4, serialization 2). Discovery, filters and governance apply as for
     * {@link #reference}; {@code options} are the same (deadlines, direct addresses, cluster, ...).
     */
    GenericReference genericReference(String service, ReferenceOptions options);

    /** Where the server listens, once a service was exported. */
    Optional<InetSocketAddress> serverAddress();

    /**
     * Where the admin endpoint ({@code weft.admin.port}: {@code /health}, {@code /ready}, {@code /metrics})
     * listens.
     *
     * @return its address (the chosen port when 0 was configured), or empty when it is off
     */
    default Optional<InetSocketAddress> adminAddress() {
        return Optional.empty();
    }

    /**
     * Why this instance is not ready (the admin endpoint's {@code /ready}, DESIGN §10): no registry
     * session, an export not registered, closing; empty when every export is registered and the
     * registry session is up.
     *
     * @return the reason, or empty when ready
     */
    default Optional<String> notReadyReason() {
        return Optional.empty();
    }

    WeftConfig config();

    /**
     * Shuts down gracefully: unregisters, sends GOAWAY to consumers, waits (bounded) for calls in
     * flight, then closes connections and the registry session. Idempotent.
     */
    @Override
    void close();

    /** Collects what a {@link Weft} is built from. */
    final class Builder {
        private final WeftConfig config;
        private final List<ClientFilter> clientFilters = new ArrayList<>();
        private final List<ServerInterceptor> serverInterceptors = new ArrayList<>();
        private java.util.function.DoubleSupplier healthIndicator;
        private final List<io.weft.spi.CallListener> callListeners = new ArrayList<>();

        private Builder(WeftConfig config) {
            this.config = config;
        }

        /** Adds a filter around every outgoing call; the first added runs outermost. */
        public Builder clientFilter(ClientFilter filter) {
            clientFilters.add(filter);
            return this;
        }

        /** Adds an interceptor around every incoming call; the first added runs outermost. */
        public Builder serverInterceptor(ServerInterceptor interceptor) {
            serverInterceptors.add(interceptor);
            return this;
        }

        /**
         * An outside signal of this instance's health in [0, 1], e.g. the share of passed checks of the
         * application behind a sidecar: the {@code status.health} its provider nodes report is at most
         * this value. Read on the status thread at each heartbeat; must not block.
         */
        public Builder healthIndicator(java.util.function.DoubleSupplier indicator) {
            this.healthIndicator = indicator;
            return this;
        }

        /**
         * Adds a listener told of every finished call and of cluster and governance events (metrics,
         * access logs; DESIGN §10). Listeners of a {@link io.weft.spi.MetricsProvider} on the class path
         * are added by themselves.
         *
         * @param listener the listener; runs on the threads that complete calls and must not block
         * @return this builder
         */
        public Builder callListener(io.weft.spi.CallListener listener) {
            callListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Weft build() {
            WeftProvider provider = ServiceLoader.load(WeftProvider.class, Weft.class.getClassLoader())
                    .findFirst()
                    .or(() -> ServiceLoader.load(WeftProvider.class).findFirst())
                    .orElseThrow(() -> new IllegalStateException(
                            "no Weft implementation found: add io.weft:framework-impl to the runtime class path"));
            return provider.create(new WeftProvider.Setup(config, clientFilters, serverInterceptors, healthIndicator,
                    callListeners));
        }
    }
}
