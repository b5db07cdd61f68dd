package io.weft.rule;

/** Where a limit or fault applies: on the calling side or the serving side. */
public enum Side {
    CONSUMER,
    PROVIDER
}
