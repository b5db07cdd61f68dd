package io.weft.demo;

/**
 * The mesh demo's Python service ({@code fortune.py} behind a sidecar), as Java consumers see it. Its
 * provider nodes list only the JSON serialization, so this typed stub calls it with JSON.
 */
public interface Fortune {

    /** The label of the Python instance that served the call, e.g. {@code py-v1}. */
    String whoAmI();

    /** A greeting the Python service gets from the Java {@link Greeter} through its sidecar's outbound port. */
    String welcome(String name);
}
