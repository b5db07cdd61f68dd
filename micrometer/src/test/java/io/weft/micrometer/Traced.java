package io.weft.micrometer;

/** The service the access-log IT calls (its own, so only access-logging providers answer it). */
public interface Traced {
    String echo(String text);
}
