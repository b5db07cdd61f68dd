package io.weft.internal;

import io.weft.Weft;
import io.weft.spi.WeftProvider;

/** Makes {@link WeftImpl}; registered in {@code META-INF/services/io.weft.spi.WeftProvider}. */
public final class WeftProviderImpl implements WeftProvider {
    @Override
    public Weft create(Setup setup) {
        return new WeftImpl(setup);
    }
}
