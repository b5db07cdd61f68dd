package io.weft.demo;

/** Names the demo puts into the registry and configuration. */
final class Labels {
    /** Registry tag carrying a provider's human label, so consumers can show it. */
    static final String LABEL_TAG = "label";
    static final String PROVIDER_APP = "greeter-provider";
    static final String CONSUMER_APP = "greeter-consumer";
    static final String DEFAULT_REGISTRY = "zookeeper://127.0.0.1:2181";

    private Labels() {}
}
