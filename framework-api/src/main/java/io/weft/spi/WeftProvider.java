package io.weft.spi;

import io.weft.ClientFilter;
import io.weft.ServerInterceptor;
import io.weft.Weft;
import io.weft.WeftConfig;
import java.util.List;
import java.util.function.DoubleSupplier;

/** Creates the {@link Weft} implementation; found through {@link java.util.ServiceLoader}. */
public interface WeftProvider {

    /**
     * Makes one {@link Weft}; what {@link Weft.Builder#build()} returns.
     *
     * @param setup the configuration, filters, interceptors and health indicator collected by the builder
     * @return a new, running instance, which the caller closes
     * @throws io.weft.WeftConfigException when a configuration value is bad
     */
    Weft create(Setup setup);

    /**
     * Everything a {@link Weft.Builder} collected.
     *
     * @param config the configuration
     * @param clientFilters filters around every outgoing call, outermost first
     * @param serverInterceptors interceptors around every incoming call, outermost first
     * @param healthIndicator an outside signal of the instance's health in [0, 1] that caps the
     *     {@code status.health} its nodes report (see {@link Weft.Builder#healthIndicator}), or null
     * @param callListeners told of every finished call and of cluster and governance events
     */
    record Setup(WeftConfig config, List<ClientFilter> clientFilters, List<ServerInterceptor> serverInterceptors,
                 DoubleSupplier healthIndicator, List<CallListener> callListeners) {
        /**
         * Copies the lists.
         *
         * @param config the configuration
         * @param clientFilters filters, outermost first; copied
         * @param serverInterceptors interceptors, outermost first; copied
         * @param healthIndicator the outside health signal, or null
         * @param callListeners the listeners; null means none
         */
        public Setup {
            clientFilters = List.copyOf(clientFilters);
            serverInterceptors = List.copyOf(serverInterceptors);
            callListeners = callListeners == null ? List.of() : List.copyOf(callListeners);
        }

        /**
         * A setup without call listeners.
         *
         * @param config the configuration
         * @param clientFilters filters, outermost first; copied
         * @param serverInterceptors interceptors, outermost first; copied
         * @param healthIndicator the outside health signal, or null
         */
        public Setup(WeftConfig config, List<ClientFilter> clientFilters, List<ServerInterceptor> serverInterceptors,
                     DoubleSupplier healthIndicator) {
            this(config, clientFilters, serverInterceptors, healthIndicator, List.of());
        }

        /**
         * A setup without a health indicator.
         *
         * @param config the configuration
         * @param clientFilters filters, outermost first; copied
         * @param serverInterceptors interceptors, outermost first; copied
         */
        public Setup(WeftConfig config, List<ClientFilter> clientFilters, List<ServerInterceptor> serverInterceptors) {
            this(config, clientFilters, serverInterceptors, null);
        }
    }
}
