package io.weft;

import io.weft.spi.ConfigKeys;
import java.util.Collection;
import java.util.List;

/** A module's key listing, as framework-impl and the console contribute theirs (test class path only). */
public final class TestModuleKeys implements ConfigKeys {
    @Override
    public Collection<String> keys() {
        return List.of("weft.testmodule.pool-size", "weft.testplugin.");
    }
}
