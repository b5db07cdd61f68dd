package io.weft.internal.client;

import io.weft.CallContext;
import io.weft.ClientInvoker;
import io.weft.Deadline;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.internal.Failures;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The behaviour behind a stub proxy: turns a method call into an {@link OutgoingCall}, runs it
 * through the client chain, and returns the result in the method's style (blocking, future, or
 * one-way). Asynchronous results complete on the callback executor, never on an event loop, with
 * the caller's {@link CallContext} attached ({@link CallFuture}).
 * Cancelling a returned future, or interrupting a blocked caller, cancels the call: CANCEL goes to
 * the provider and the call completes at once.
 */
final class StubHandler implements InvocationHandler {
    private static final Object[] NO_ARGS = new Object[0];
    private static final long SAFETY_MARGIN_MS = 1000;

    private final String service;
    private final Map<Method, ClientMethod> methods;
    private final ClientInvoker chain;
    private final Executor callbackExecutor;

    StubHandler(String service, Map<Method, ClientMethod> methods, ClientInvoker chain, Executor callbackExecutor) {
        this.service = service;
        this.methods = methods;
        this.chain = chain;
        this.callbackExecutor = callbackExecutor;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        ClientMethod cm = methods.get(method);
        if (cm == null) {
            return objectMethod(proxy, method, args);
        }
        CallContext context = CallContext.current();
        Deadline deadline = Deadline.after(cm.timeout);
        if (context.deadline().isPresent()) {
            deadline = deadline.min(context.deadline().get());
        }
        OutgoingCall call = new OutgoingCall(cm, args == null ? NO_ARGS : args, context.metadata(),
                context.trace().orElse(null), deadline);
        CompletionStage<Object> stage;
        try {
            stage = chain.invoke(call); // never null: the chain checks its filters
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        if (cm.style == ClientMethod.Style.FUTURE) {
            CallFuture<Object> user = new CallFuture<>(call, context);
            stage.whenCompleteAsync((r, e) -> {
                if (e != null) {
                    user.settle(null, Failures.unwrap(e));
                } else {
                    try {
                        user.settle(cm.resultType.check(r), null);
                    } catch (RpcException wrongType) {
                        user.settle(null, wrongType);
                    }
                }
            }, callbackExecutor);
            return user;
        }
        CompletableFuture<Object> future = stage.toCompletableFuture();
        try {
            long waitMs = deadline.remaining(TimeUnit.MILLISECONDS) + SAFETY_MARGIN_MS;
            Object result = future.get(Math.max(waitMs, 1), TimeUnit.MILLISECONDS);
            return cm.style == ClientMethod.Style.ONE_WAY ? null : cm.resultType.check(result);
        } catch (ExecutionException e) {
            throw throwable(method, Failures.forCaller(Failures.unwrap(e), StubHandler.class));
        } catch (TimeoutException e) {
            call.cancel();
            throw new RpcException(Status.DEADLINE_EXCEEDED, "deadline exceeded calling " + service + "."
                    + method.getName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel();
            throw new RpcException(Status.CANCELLED, "interrupted while calling " + service + "." + method.getName());
        }
    }

    private static Throwable throwable(Method method, Throwable t) {
        if (t instanceof RuntimeException || t instanceof Error) {
            return t;
        }
        for (Class<?> declared : method.getExceptionTypes()) {
            if (declared.isInstance(t)) {
                return t;
            }
        }
        return new RpcException(Status.INTERNAL, t.toString(), t);
    }

    private Object objectMethod(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "WeftStub[" + service + "]";
            default -> throw new UnsupportedOperationException(method.toString());
        };
    }
}
