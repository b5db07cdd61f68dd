package io.weft.spring.boot;

import io.weft.ConfigKey;
import io.weft.WeftConfig;
import io.weft.WeftKeys;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The {@link WeftConfig} of a Spring application: every entry of the {@link Environment} under {@code weft.}
 * (application.properties/yaml, profiles, system properties, {@code WEFT_*} environment variables,
 * {@code @DynamicPropertySource}...), read with Spring's relaxed binding, so {@code weft.client.timeoutMs},
 * {@code weft.client.timeout-ms} and {@code WEFT_CLIENT_TIMEOUT_MS} are one key.
 */
final class SpringWeftConfig {
    private static final String PREFIX = "weft";

    private SpringWeftConfig() {
    }

    /**
     * The configuration, with every key of {@link WeftKeys} parsed once so a bad value stops start-up with a
     * {@link io.weft.WeftConfigException} naming the key (not the first call that reads it).
     */
    static WeftConfig from(Environment environment) {
        Binder binder = Binder.get(environment);
        Map<String, String> values = new HashMap<>();
        // Everything under weft. (plug-ins' keys, weft.sidecar.*, and typos, for WeftConfig's unknown-key warning).
        binder.bind(PREFIX, Bindable.mapOf(String.class, String.class))
                .ifBound(all -> all.forEach((key, value) -> values.put(PREFIX + "." + key, value)));
        // The catalogue's keys under their own names, whatever relaxed form set them.
        for (ConfigKey<?> key : WeftKeys.all()) {
            binder.bind(key.name(), String.class).ifBound(value -> values.put(key.name(), value));
        }
        WeftConfig config = WeftConfig.of(values);
        for (ConfigKey<?> key : WeftKeys.all()) {
            config.get(key);
        }
        return config;
    }
}
