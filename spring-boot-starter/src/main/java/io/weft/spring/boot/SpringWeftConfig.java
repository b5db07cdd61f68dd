package io.weft.spring.boot;

import io.weft.ConfigKey;
import io.weft.WeftConfig;
import io.weft.WeftKeys;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;

/**
 * The {@link WeftConfig} of a Spring application: every entry of the {@link Environment} under {@code weft.}
 * (application.properties/yaml, profiles, system properties, {@code WEFT_*} environment variables,
 * {@code @DynamicPropertySource}...), read with Spring's relaxed binding, so {@code weft.client.timeoutMs},
 * {@code weft.client.timeout-ms} and {@code WEFT_CLIENT_TIMEOUT_MS} are one key; under it, the file
 * {@code weft.config.file} names, if set.
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
            if (key.deprecatedAliases().isEmpty()) {
                binder.bind(key.name(), String.class).ifBound(value -> values.put(key.name(), value));
            } else {
                bindHighestSource(environment, key, values);
            }
        }
        WeftConfig config = WeftConfig.withConfigFile(values);
        for (ConfigKey<?> key : WeftKeys.all()) {
            config.get(key);
        }
        return config;
    }

    /**
     * A key with a deprecated alias ({@code weft.client.timeout} / {@code weft.client.timeout-ms}) is one
     * setting: the highest property source that sets either name decides, as Spring does for one name; a
     * source setting both is left to {@link WeftConfig} (equal values pass, different ones fail naming both).
     */
    private static void bindHighestSource(Environment environment, ConfigKey<?> key, Map<String, String> values) {
        Set<String> names = new HashSet<>();
        key.names().forEach(name -> names.add(WeftConfig.environmentName(name)));
        values.keySet().removeIf(k -> names.contains(WeftConfig.environmentName(k)));
        PropertySourcesPlaceholdersResolver placeholders = new PropertySourcesPlaceholdersResolver(environment);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            boolean found = false;
            for (String name : key.names()) {
                ConfigurationProperty property = source.getConfigurationProperty(ConfigurationPropertyName.of(name));
                if (property != null && property.getValue() != null) {
                    values.put(name, String.valueOf(placeholders.resolvePlaceholders(property.getValue())));
                    found = true;
                }
            }
            if (found) {
                return;
            }
        }
    }
}
