package io.weft.rule;

/** Where a limit or fault applies: on the calling side or the serving side. */
public enum Side {
    /** In the consumer, before the call leaves (JSON {@code "consumer"}). */
    CONSUMER,
    /** In the provider, before the service runs (JSON {@code "provider"}). */
    PROVIDER
}
