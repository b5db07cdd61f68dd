package io.weft.internal.client;

import io.weft.ClientCall;
import io.weft.Deadline;
import io.weft.rule.ThrottlingRule;
import io.weft.spi.LoadBalancer;
import java.lang.reflect.Method;
import java.util.Map;

/** One call leaving a stub: what client filters see as a {@link ClientCall}. */
final class OutgoingCall implements ClientCall {
    final ClientMethod method;
    private final Object[] arguments;
    private Deadline deadline;
    private UserMetadata metadata; // created on first use; refuses reserved ':' keys
    // Set by routing (ClusterInvoker) before the cluster strategy runs; null: no routing rule applied.
    Map<String, String> subset;
    boolean subsetRequired;
    LoadBalancer ruleBalancer;
    ThrottlingRule.CircuitBreaker breakerRule;
    private CallPolicy routePolicy;

    OutgoingCall(ClientMethod method, Object[] arguments, Map<String, String> contextMetadata, Deadline deadline) {
        this.method = method;
        this.arguments = arguments;
        this.deadline = deadline;
        this.metadata = contextMetadata.isEmpty() ? null : new UserMetadata(contextMetadata);
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
            metadata = new UserMetadata();
        }
        return metadata;
    }

    /** Metadata to send, without creating a map when there is none. */
    Map<String, String> metadataToSend() {
        return metadata == null ? Map.of() : metadata;
    }

    /** The cluster policy for this call: the route's retries when a routing rule set them, else the method's. */
    CallPolicy policy() {
        return routePolicy != null ? routePolicy : method.policy;
    }

    void routePolicy(CallPolicy policy) {
        this.routePolicy = policy;
    }

    /** Brings the deadline forward to {@code earlier} if that is sooner (a route's timeout). */
    void restrictDeadline(Deadline earlier) {
        deadline = deadline.min(earlier);
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
