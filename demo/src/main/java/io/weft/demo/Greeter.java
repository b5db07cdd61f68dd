package io.weft.demo;

import io.weft.OneWay;
import java.util.concurrent.CompletableFuture;

/**
 * The demo service: greetings, synchronously and asynchronously, plus a one-way notification.
 * Served by {@link GreeterImpl}; called through a stub from {@code Weft.reference(Greeter.class)}.
 */
public interface Greeter {

    /** Returns exactly {@code "Hello, " + name}. */
    String greet(String name);

    /** The same greeting; the stub returns at once and the future completes with the response. */
    CompletableFuture<String> greetAsync(String name);

    /** Fire-and-forget: the consumer returns once the request is written; no response is sent. */
    @OneWay
    void notify(String event);

    /** One card greeting every name in the request; signed by the provider when a signature is asked for. */
    GreetingCard greetAll(GreetingRequest request);

    /** The label of the provider instance that served this call, e.g. {@code provider-1}. */
    String whoAmI();
}
