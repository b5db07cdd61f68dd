package io.weft.internal.testing;

import io.weft.ClientCall;
import io.weft.Deadline;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A two-way client call for unit tests: given service, method and arguments, mutable metadata, a 5 s deadline. */
public class TestClientCall implements ClientCall {
    private final String service;
    private final Method method;
    private final Object[] arguments;
    private final Map<String, String> metadata = new HashMap<>();
    private final Deadline deadline = Deadline.after(Duration.ofSeconds(5));

    public TestClientCall(String service, Method method, Object... arguments) {
        this.service = service;
        this.method = method;
        this.arguments = arguments;
    }

    /** A call of {@code demo.Echo} with no arguments (the method is some method of {@code Object}). */
    public TestClientCall() {
        this("demo.Echo", Object.class.getMethods()[0]);
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public Method method() {
        return method;
    }

    @Override
    public Object[] arguments() {
        return arguments;
    }

    @Override
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public Deadline deadline() {
        return deadline;
    }

    @Override
    public boolean oneWay() {
        return false;
    }
}
