package io.weft.demo;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link Greeter} that counts what it serves and knows its own label, so consumers can show
 * which provider answered. Thread-safe.
 */
public final class GreeterImpl implements Greeter {
    private final String label;
    private final Consumer<String> eventLog;
    private final AtomicLong greetings = new AtomicLong();
    private final AtomicLong notifications = new AtomicLong();

    /** A greeter labelled {@code label} that ignores notification contents. */
    public GreeterImpl(String label) {
        this(label, event -> { });
    }

    /** A greeter labelled {@code label}; {@code eventLog} receives each one-way notification. */
    public GreeterImpl(String label, Consumer<String> eventLog) {
        this.label = requireNonNull(label, "label");
        this.eventLog = requireNonNull(eventLog, "eventLog");
    }

    @Override
    public String greet(String name) {
        greetings.incrementAndGet();
        return "Hello, " + name;
    }

    @Override
    public CompletableFuture<String> greetAsync(String name) {
        return CompletableFuture.completedFuture(greet(name));
    }

    @Override
    public void notify(String event) {
        notifications.incrementAndGet();
        eventLog.accept(event);
    }

    @Override
    public GreetingCard greetAll(GreetingRequest request) {
        List<String> lines = request.names().stream().map(this::greet).toList();
        return new GreetingCard(lines, Instant.now(), request.signature().map(s -> s + " (" + label + ")"));
    }

    @Override
    public String whoAmI() {
        return label;
    }

    /** The label given at construction. */
    public String label() {
        return label;
    }

    /** Greetings served so far (sync and async). */
    public long greetings() {
        return greetings.get();
    }

    /** One-way notifications received so far. */
    public long notifications() {
        return notifications.get();
    }
}
