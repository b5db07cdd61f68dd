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

    /**
     * A Weft configured by {@link WeftConfig#load()}, without filters or interceptors.
     *
     * @return a running instance; close it when done
     * @throws WeftConfigException when a configuration value is bad
     * @throws IllegalStateException when {@code framework-impl} is not on the class path
     */
    static Weft create() {
        return builder(WeftConfig.load()).build();
    }

    /**
     * A Weft with the given configuration, without filters or interceptors.
     *
     * @param config the configuration, e.g. {@code WeftConfig.load().with("weft.server.port", "0")}
     * @return a running instance; close it when done
     * @throws WeftConfigException when a configuration value is bad
     * @throws IllegalStateException when {@code framework-impl} is not on the class path
     */
    static Weft create(WeftConfig config) {
        return builder(config).build();
    }

    /**
     * A builder, to add client filters, server interceptors or a health indicator.
     *
     * @param config the configuration
     * @return a new builder
     */
    static Builder builder(WeftConfig config) {
        return new Builder(config);
    }

    /**
     * Serves {@code implementation} as {@code serviceInterface}: starts the server on first export
     * and registers the instance when a registry is configured.
     *
     * @param <T> the service type
     * @param serviceInterface the interface consumers call; its fully qualified name is the service name
     * @param implementation serves the calls, concurrently from many threads, so thread-safe
     * @param options version, weight and tags for the registry node
     * @return the export; close it to unregister and stop serving this service
     * @throws IllegalArgumentException if {@code serviceInterface} is not an interface or a method
     *     is malformed (e.g. {@link OneWay} on a non-void method)
     * @throws IllegalStateException when the service is already exported, the server cannot listen,
     *     or this Weft is closed
     * @throws WeftConfigException when a registry is configured but {@code weft.application} is not
     * @throws RpcException with {@code UNAVAILABLE} when the registry cannot be reached in time
     */
    <T> Exported export(Class<T> serviceInterface, T implementation, ExportOptions options);

    /**
     * Serves {@code implementation} with the {@linkplain ExportOptions#defaults() default options}.
     *
     * @param <T> the service type
     * @param serviceInterface the interface consumers call
     * @param implementation serves the calls, concurrently from many threads
     * @return the export; close it to unregister and stop serving this service
     * @see #export(Class, Object, ExportOptions)
     */
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
     * @param service the service name callers use ({@code :service})
     * @param methods the method names served, listed in the node; empty accepts any name
     * @param handler serves every call
     * @param options version, weight and tags (and {@code sidecar}) for the registry node
     * @return the export; close it to unregister and stop serving this service
     * @throws IllegalArgumentException if {@code service} is blank or a method name is blank
     * @throws IllegalStateException when the service is already exported, the server cannot listen,
     *     or this Weft is closed
     */
    Exported exportGeneric(String service, List<String> methods, GenericService handler, ExportOptions options);

    /**
     * A stub for {@code serviceInterface}. Synchronous methods block until the result or the
     * deadline; methods returning {@code CompletableFuture} return at once; {@link OneWay} methods
     * return once the request is written. Failures are {@link RpcException}s.
     *
     * @param <T> the service type
     * @param serviceInterface the service's interface
     * @param options deadlines, direct addresses, balancer, cluster strategy…
     * @return a thread-safe stub; make it once and share it
     * @throws IllegalStateException when no registry is configured and {@code options} gives no
     *     direct address
     * @throws RpcException with {@code UNAVAILABLE} when {@code check} is on and no provider is reachable
     */
    <T> T reference(Class<T> serviceInterface, ReferenceOptions options);

    /**
     * A stub for {@code serviceInterface} with the {@linkplain ReferenceOptions#defaults() default
     * options}: discovered through the registry, settings from {@code weft.client.*}.
     *
     * @param <T> the service type
     * @param serviceInterface the service's interface
     * @return a thread-safe stub
     * @see #reference(Class, ReferenceOptions)
     */
    default <T> T reference(Class<T> serviceInterface) {
        return reference(serviceInterface, ReferenceOptions.defaults());
    }

    /**
     * A generic reference to {@code service}: calls by method name with JSON arguments, no Java
     * interface needed (DESIGN §4, serialization 2). Discovery, filters and governance apply as for
     * {@link #reference}; {@code options} are the same (deadlines, direct addresses, cluster, ...).
     *
     * @param service the service's name, e.g. {@code io.weft.demo.Greeter}
     * @param options as for {@link #reference}; the serialization is always JSON
     * @return a thread-safe reference
     * @throws IllegalStateException when no registry is configured and {@code options} gives no
     *     direct address
     */
    GenericReference genericReference(String service, ReferenceOptions options);

    /**
     * Where the server listens, once a service was exported.
     *
     * @return the bound address (with the chosen port when {@code weft.server.port} is 0), or empty
     *     before the first export
     */
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

    /**
     * The configuration this Weft was made with.
     *
     * @return the configuration, as given
     */
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

        /**
         * Adds a filter around every outgoing call; the first added runs outermost.
         *
         * @param filter the filter; shared by all calls, so thread-safe
         * @return this builder
         */
        public Builder clientFilter(ClientFilter filter) {
            clientFilters.add(filter);
            return this;
        }

        /**
         * Adds an interceptor around every incoming call; the first added runs outermost.
         *
         * @param interceptor the interceptor; shared by all calls, so thread-safe
         * @return this builder
         */
        public Builder serverInterceptor(ServerInterceptor interceptor) {
            serverInterceptors.add(interceptor);
            return this;
        }

        /**
         * An outside signal of this instance's health in [0, 1], e.g. the share of passed checks of the
         * application behind a sidecar: the {@code status.health} its provider nodes report is at most
         * this value. Read on the status thread at each heartbeat; must not block.
         *
         * @param indicator returns the health in [0, 1]; null for none (the default)
         * @return this builder
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

        /**
         * Makes the Weft, through the first {@link WeftProvider} the {@link ServiceLoader} finds.
         *
         * @return a running instance; close it when done
         * @throws IllegalStateException when no implementation is on the class path (add
         *     {@code io.weft:framework-impl} at run time)
         * @throws WeftConfigException when a configuration value is bad
         */
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
