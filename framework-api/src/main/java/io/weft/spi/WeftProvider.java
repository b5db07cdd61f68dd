package io.weft.spi;

import io.weft.ClientFilter;
import io.weft.ServerInterceptor;
import io.weft.Weft;
import io.weft.WeftConfig;
import java.util.List;
import java.util.function.DoubleSupplier;

/** Creates the {@link Weft} implementation; found through {@link java.util.ServiceLoader}. */
public interface WeftProvider {

    Weft create(Setup setup);

    /**
     * Everything a {@link Weft.Builder} collected.
     *
     * @param healthIndicator an outside signal of the instance's health in [0, 1] that caps the
     *     {@code status.health} its nodes report (see {@link Weft.Builder#healthIndicator}), or null
     * @param callListeners told of every finished call and of cluster and governance events
     */
    record Setup(WeftConfig config, List<ClientFilter> clientFilters, List<ServerInterceptor> serverInterceptors,
                 DoubleSupplier healthIndicator, List<CallListener> callListeners) {
        public Setup {
            clientFilters = List.copyOf(clientFilters);
            serverInterceptors = List.copyOf(serverInterceptors);
            callListeners = callListeners == null ? List.of() : List.copyOf(callListeners);
        }

        public Setup(WeftConfig config, List<ClientFilter> clientFilters, List<ServerInterceptor> serverInterceptors,
                     DoubleSupplier healthIndicator) {
            this(config, clientFilters, serverInterceptors, healthIndicator, List.of());
        }

        public Setup(WeftConfig config, List<ClientFilter> clientFilters, List<ServerInterceptor> serverInterceptors) {
            this(config, clientFilters, serverInterceptors, null);
        }
    }
}
