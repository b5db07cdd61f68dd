package io.weft.internal.cluster;

import io.weft.ClientCall;
import io.weft.Deadline;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A call with given arguments and metadata, for balancer tests. */
record FakeCall(Object[] arguments, Map<String, String> metadata) implements ClientCall {
    static FakeCall withArgument(Object arg) {
        return new FakeCall(new Object[] {arg}, new HashMap<>());
    }

    static FakeCall none() {
        return new FakeCall(new Object[0], new HashMap<>());
    }

    @Override
    public String service() {
        return "svc";
    }

    @Override
    public Method method() {
        return null;
    }

    @Override
    public Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(1));
    }

    @Override
    public boolean oneWay() {
        return false;
    }
}
