package io.weft.it;

import io.weft.Idempotent;
import io.weft.OneWay;
import java.util.concurrent.CompletableFuture;

/** The service the end-to-end tests call. */
public interface EchoService {
    String echo(String text);

    int add(int a, int b);

    long add(long a, long b);

    CompletableFuture<String> echoAsync(String text);

    @OneWay
    void record(String event);

    String sleep(long millis);

    String fail(String message) throws EchoException;

    String boom(String message);

    /** The value of user metadata {@code key} as the provider received it. */
    String metadata(String key);

    /** Blocks until the test releases it. */
    String block();

    /** The provider's name; obeys the provider's injected failure and delay. Not idempotent. */
    String who();

    /** The provider's name for {@code key}; obeys injected failure and delay. Safe to retry. */
    @Idempotent
    String read(String key);
}
