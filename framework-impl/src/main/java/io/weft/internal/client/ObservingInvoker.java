package io.weft.internal.client;

import io.weft.ClientCall;
import io.weft.ClientInvoker;
import io.weft.Status;
import io.weft.internal.Failures;
import io.weft.internal.governance.RuleRefusal;
import io.weft.internal.observe.Listeners;
import io.weft.spi.CallListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The outermost link of a reference's client chain when a {@link CallListener} listens: the one
 * place where every call of the reference begins and ends on the consumer (filters, governance,
 * routing, every retry included). Not in the chain at all when nobody listens.
 */
final class ObservingInvoker implements ClientInvoker {
    private final ClientInvoker next;
    private final CallListener listener;
    private final String application; // this process's application, or null

    ObservingInvoker(ClientInvoker next, CallListener listener, String application) {
        this.next = next;
        this.listener = listener;
        this.application = application;
    }

    @Override
    public CompletionStage<Object> invoke(ClientCall call) {
        long start = System.nanoTime();
        String service = call.service();
        listener.callStarted(CallListener.Side.CLIENT, service);
        CompletionStage<Object> stage;
        try {
            stage = next.invoke(call);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.whenComplete((r, e) -> finished(call, service, start, e));
    }

    private void finished(ClientCall call, String service, long start, Throwable error) {
        long nanos = System.nanoTime() - start;
        Throwable t = error == null ? null : Failures.unwrap(error);
        Status status = Listeners.statusOf(t);
        if (t instanceof RuleRefusal refusal) {
            listener.refused(service, refusal.kind(), refusal.rule(), "consumer");
        }
        String peer = "-";
        java.util.Map<String, String> metadata;
        if (call instanceof OutgoingCall outgoing) {
            String p = outgoing.peer;
            peer = p == null ? "-" : p;
            metadata = outgoing.metadataSent(); // not call.metadata(): that would build the call's map after the fact
        } else {
            metadata = call.metadata();
        }
        listener.callFinished(CallListener.Side.CLIENT, service, call.methodName(), status, nanos, peer, application,
                metadata);
    }
}
