package io.weft.micrometer;

/** The service the throttling IT limits (its own, so no other test's provider answers it). */
public interface Limited {
    String echo(String text);
}
