package io.weft.internal.testing;

import io.weft.Deadline;
import io.weft.ServerCall;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A server call for unit tests: {@code demo.Echo}, some method of {@code Object}, no arguments, no
 * metadata, no caller application, a 1 s deadline.
 */
public class TestServerCall implements ServerCall {
    private final Deadline deadline = Deadline.after(Duration.ofSeconds(1));

    @Override
    public String service() {
        return "demo.Echo";
    }

    @Override
    public Method method() {
        return Object.class.getMethods()[0];
    }

    @Override
    public Object[] arguments() {
        return new Object[0];
    }

    @Override
    public Map<String, String> metadata() {
        return Map.of();
    }

    @Override
    public Optional<String> callerApplication() {
        return Optional.empty();
    }

    @Override
    public InetSocketAddress peer() {
        return new InetSocketAddress("127.0.0.1", 1);
    }

    @Override
    public Deadline deadline() {
        return deadline;
    }
}
