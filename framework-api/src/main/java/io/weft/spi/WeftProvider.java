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
     */
    record Setup(WeftConfig config, List<ClientFilter> clientFilters, List<ServerInterceptor> serverInterceptors,
                 DoubleSupplier healthIndicator) {
        public Setup {
            clientFilters = List.copyOf(clientFilters);
            serverInterceptors = List.copyOf(serverInterceptors);
        }

        public Setup(WeftConfig config, List<ClientFilter> clientFilters, List<ServerInterceptor> serverInterceptors) {
            this(config, clientFilters, serverInterceptors, null);
        }
    }
}
