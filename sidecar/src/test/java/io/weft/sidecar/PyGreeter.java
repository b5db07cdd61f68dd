package io.weft.sidecar;

/** What a Java consumer compiles against to call the Python service behind a sidecar (typed, over JSON). */
public interface PyGreeter {
    String greet(String name);
}
