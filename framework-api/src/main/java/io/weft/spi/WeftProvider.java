package io.weft.spi;

import io.weft.ClientFilter;
import io.weft.ServerInterceptor;
import io.weft.Weft;
import io.weft.WeftConfig;
import java.util.List;

/** Creates the {@link Weft} implementation; found through {@link java.util.ServiceLoader}. */
public interface WeftProvider {

    Weft create(Setup setup);

    /** Everything a {@link Weft.Builder} collected. */
    record Setup(WeftConfig config, List<ClientFilter> clientFilters, List<ServerInterceptor> serverInterceptors) {
        public Setup {
            clientFilters = List.copyOf(clientFilters);
            serverInterceptors = List.copyOf(serverInterceptors);
        }
    }
}
