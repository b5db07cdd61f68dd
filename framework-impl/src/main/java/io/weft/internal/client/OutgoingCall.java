package io.weft.internal.client;

import io.weft.ClientCall;
import io.weft.Deadline;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/** One call leaving a stub: what client filters see as a {@link ClientCall}. */
final class OutgoingCall implements ClientCall {
    final ClientMethod method;
    private final Object[] arguments;
    private final Deadline deadline;
    private Map<String, String> metadata; // created on first use

    OutgoingCall(ClientMethod method, Object[] arguments, Map<String, String> contextMetadata, Deadline deadline) {
        this.method = method;
        this.arguments = arguments;
        this.deadline = deadline;
        this.metadata = contextMetadata.isEmpty() ? null : new HashMap<>(contextMetadata);
    }

    @Override
    public String service() {
        return method.service;
    }

    @Override
    public Method method() {
        return method.method;
    }

    @Override
    public Object[] arguments() {
        return arguments;
    }

    @Override
    public Map<String, String> metadata() {
        if (metadata == null) {
            metadata = new HashMap<>();
        }
        return metadata;
    }

    /** Metadata to send, without creating a map when there is none. */
    Map<String, String> metadataToSend() {
        return metadata == null ? Map.of() : metadata;
    }

    @Override
    public Deadline deadline() {
        return deadline;
    }

    @Override
    public boolean oneWay() {
        return method.style == ClientMethod.Style.ONE_WAY;
    }
}
