package io.weft.demo;

import io.weft.WeftConfig;

/**
 * Builds the configuration of a separately started part: {@link WeftConfig#load()} (system
 * properties, environment, {@code weft.properties}), then the command-line options over it, then
 * the demo's defaults for whatever is still unset.
 */
final class DemoConfig {
    private DemoConfig() {}

    /** {@code --registry}, else configured, else {@code zookeeper://127.0.0.1:2181}; {@code --app}, else configured, else {@code defaultApp}. */
    static WeftConfig load(String registry, String application, String defaultApp) {
        WeftConfig config = WeftConfig.load();
        if (registry != null) {
            config = config.with(WeftConfig.REGISTRY_ADDRESS, registry);
        } else if (config.registryAddress().isEmpty()) {
            config = config.with(WeftConfig.REGISTRY_ADDRESS, Labels.DEFAULT_REGISTRY);
        }
        if (application != null) {
            config = config.with(WeftConfig.APPLICATION, application);
        } else if (config.application().isEmpty()) {
            config = config.with(WeftConfig.APPLICATION, defaultApp);
        }
        return config;
    }
}
