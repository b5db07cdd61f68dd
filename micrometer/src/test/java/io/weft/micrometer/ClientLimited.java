package io.weft.micrometer;

/** The service whose consumers a consumer-side limit throttles. */
public interface ClientLimited {
    String echo(String text);
}
