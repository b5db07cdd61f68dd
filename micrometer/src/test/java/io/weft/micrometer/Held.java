package io.weft.micrometer;

/** A service whose calls the status IT holds on the provider until it lets them go. */
public interface Held {
    String hold(String text);
}
