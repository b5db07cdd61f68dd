package io.weft;

import io.weft.spi.ConfigKeys;
import java.util.Collection;
import java.util.List;

/** A plug-in's key listing beyond WeftKeys (test class path only). */
public final class TestModuleKeys implements ConfigKeys {
    @Override
    public Collection<String> keys() {
        return List.of("weft.testmodule.pool-size", "weft.testplugin.");
    }
}
