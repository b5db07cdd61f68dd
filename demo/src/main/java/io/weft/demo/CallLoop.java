package io.weft.demo;

import io.weft.RpcException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Calls a {@link Greeter} in rounds — {@code whoAmI}, {@code greet}, {@code greetAsync}, {@code greetAll} and a
 * one-way {@code notify} — printing one line per round and counting every call's outcome. Used
 * from one thread at a time.
 */
final class CallLoop {
    private static final String[] NAMES = {"Ada", "Grace", "Alan", "Barbara", "Linus", "Margaret", "Edsger"};

    private final Greeter greeter;
    private final PrintWriter out;
    private final Duration asyncWait;
    private final Map<String, Long> answeredBy = new LinkedHashMap<>();
    private long round;
    private long ok;
    private long failed;

    /**
     * @param asyncWait how long to wait for an async result before counting it failed; the
     *     framework's own deadline should fire first, this only keeps the loop from hanging
     */
    CallLoop(Greeter greeter, PrintWriter out, Duration asyncWait) {
        this.greeter = greeter;
        this.out = out;
        this.asyncWait = asyncWait;
    }

    /** Makes one round of five calls and prints its line. */
    void runRound() {
        round++;
        String name = NAMES[(int) ((round - 1) % NAMES.length)];
        StringBuilder line = new StringBuilder(String.format("  #%-3d ", round));

        String who = call("whoAmI", greeter::whoAmI, line);
        if (who != null) {
            answeredBy.merge(who, 1L, Long::sum);
            line.append(String.format("%-12s", who));
        }
        String sync = call("greet", () -> greeter.greet(name), line);
        if (sync != null) {
            line.append(" | greet: ").append(sync);
        }
        String async = call("greetAsync", () -> awaitAsync(name), line);
        if (async != null) {
            line.append(" | async: ").append(async);
        }
        GreetingCard card = call("greetAll", () -> greeter.greetAll(new GreetingRequest(
                List.of(name, "team"), Instant.now(), Optional.of("the demo"))), line);
        if (card != null) {
            line.append(" | card: ").append(card.lines().size()).append(" lines, ")
                    .append(card.signedBy().orElse("unsigned"));
        }
        String sent = call("notify", () -> {
            greeter.notify("greeted " + name);
            return "sent";
        }, line);
        if (sent != null) {
            line.append(" | one-way: ").append(sent);
        }
        out.println(line);
    }

    private String awaitAsync(String name) {
        try {
            return greeter.greetAsync(name).get(asyncWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no result within " + DurationConverter.format(asyncWait));
        }
    }

    private <T> T call(String method, Supplier<T> call, StringBuilder line) {
        try {
            T result = call.get();
            ok++;
            return result;
        } catch (RuntimeException e) {
            failed++;
            line.append(" | ").append(method).append(" FAILED: ").append(describe(e));
            return null;
        }
    }

    /** {@code UNAVAILABLE: no provider} for an {@link RpcException}, the class and message otherwise. */
    static String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RpcException rpc) {
            return rpc.getMessage();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Rounds made so far. */
    long rounds() {
        return round;
    }

    /** Calls that succeeded so far. */
    long ok() {
        return ok;
    }

    /** Calls that failed so far. */
    long failed() {
        return failed;
    }

    /** How often each provider answered {@code whoAmI} since the last call; resets the counts. */
    Map<String, Long> takeAnswerCounts() {
        Map<String, Long> copy = new LinkedHashMap<>(answeredBy);
        answeredBy.clear();
        return copy;
    }
}
