package io.weft.sidecar;

/** A Java service the Python application calls through the sidecar's outbound port. */
public interface JavaGreeter {
    String greet(String name);

    int add(int a, int b);
}
