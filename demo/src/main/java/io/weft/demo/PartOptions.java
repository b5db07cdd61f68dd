package io.weft.demo;

import io.weft.WeftConfig;
import picocli.CommandLine.Option;

/**
 * The options of a separately started part ({@code provider}, {@code consumer}): which registry
 * and which application name; a picocli mixin.
 */
final class PartOptions {
    @Option(names = "--registry", description = "Registry address, e.g. zookeeper://127.0.0.1:2181 "
            + "(default: weft.registry.address, else " + Labels.DEFAULT_REGISTRY + ").")
    String registry;

    @Option(names = "--app", description = "weft.application (default: configured, else "
            + Labels.PROVIDER_APP + " for a provider, " + Labels.CONSUMER_APP + " for a consumer).")
    String application;

    /** The configuration of this part; see {@link DemoConfig#load}. */
    WeftConfig config(String defaultApp) {
        return DemoConfig.load(registry, application, defaultApp);
    }
}
