package io.weft.internal.client;

import io.weft.OneWay;
import io.weft.internal.transport.FrameWriter;
import io.weft.internal.transport.Wire;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Everything about one interface method that does not change between calls, computed when the
 * stub is made: its call style, deadline, pre-encoded request metadata, its result type, and how
 * to rebuild the exceptions it declares.
 */
final class ClientMethod {
    enum Style { SYNC, FUTURE, ONE_WAY }

    private static final MethodType STRING_CTOR = MethodType.methodType(void.class, String.class);
    private static final MethodType NO_ARG_CTOR = MethodType.methodType(void.class);

    final String service;
    final Method method;
    final Style style;
    final Duration timeout;
    final byte[] fixedMetadata;
    final int fixedMetadataCount;
    /** Whether {@link #fixedMetadata} carries {@code :token} (never sent over plaintext unless allowed). */
    final boolean sendsToken;
    /** How the cluster treats calls of this method. */
    final CallPolicy policy;
    /** What a failsafe call returns on failure: {@code null}, or the primitive return type's zero. */
    final Object defaultValue;
    /** Checks each result against the declared return type. */
    final ResultType resultType;
    private final Map<String, MethodHandle> declaredExceptions; // class name → (String)Throwable

    ClientMethod(String service, Method method, boolean overloaded, Duration timeout, String application) {
        this(service, method, overloaded, timeout, application, CallPolicy.DEFAULT);
    }

    ClientMethod(String service, Method method, boolean overloaded, Duration timeout, String application,
                 CallPolicy policy) {
        this(service, method, overloaded, timeout, application, policy, null);
    }

    /**
     * @param token {@code weft.security.token}: sent as {@code :token} with every call, or null. It is
     *     pre-encoded here with the other fixed keys because filters may not set reserved keys.
     */
    ClientMethod(String service, Method method, boolean overloaded, Duration timeout, String application,
                 CallPolicy policy, String token) {
        this.service = service;
        this.policy = policy;
        this.method = method;
        this.timeout = timeout;
        boolean oneWay = method.isAnnotationPresent(OneWay.class);
        if (oneWay && method.getReturnType() != void.class) {
            throw new IllegalArgumentException("@OneWay method " + method + " must return void");
        }
        Class<?> rt = method.getReturnType();
        if (oneWay) {
            style = Style.ONE_WAY;
        } else if (rt == CompletableFuture.class || rt == CompletionStage.class) {
            style = Style.FUTURE;
        } else if (CompletionStage.class.isAssignableFrom(rt)) {
            throw new IllegalArgumentException(method + ": async methods must return CompletableFuture or CompletionStage");
        } else {
            style = Style.SYNC;
        }
        Map<String, String> fixed = new LinkedHashMap<>();
        fixed.put(Wire.SERVICE, service);
        fixed.put(Wire.METHOD, method.getName());
        if (overloaded) {
            fixed.put(Wire.PARAMS, Arrays.stream(method.getParameterTypes()).map(Class::getName)
                    .collect(Collectors.joining(",")));
        }
        if (application != null) {
            fixed.put(Wire.APP, application);
        }
        if (token != null) {
            fixed.put(Wire.TOKEN, token);
        }
        this.fixedMetadata = FrameWriter.encodeEntries(fixed);
        this.fixedMetadataCount = fixed.size();
        this.sendsToken = token != null;
        Map<String, MethodHandle> exceptions = new HashMap<>();
        for (Class<?> type : method.getExceptionTypes()) {
            if (!Throwable.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            MethodHandle ctor = constructor(type);
            if (ctor != null) {
                exceptions.put(type.getName(), ctor);
            }
        }
        this.declaredExceptions = Map.copyOf(exceptions);
        this.defaultValue = style == Style.SYNC ? zeroOf(rt) : null;
        this.resultType = ResultType.of(service, method);
    }

    private static Object zeroOf(Class<?> type) {
        if (!type.isPrimitive() || type == void.class) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        return java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(type, 1), 0);
    }

    private static MethodHandle constructor(Class<?> type) {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        try {
            return lookup.findConstructor(type, STRING_CTOR).asType(MethodType.methodType(Throwable.class, String.class));
        } catch (ReflectiveOperationException e) {
            try {
                MethodHandle noArg = lookup.findConstructor(type, NO_ARG_CTOR)
                        .asType(MethodType.methodType(Throwable.class));
                return MethodHandles.dropArguments(noArg, 0, String.class);
            } catch (ReflectiveOperationException e2) {
                return null;
            }
        }
    }

    /** Rebuilds a declared application exception from its class name and message, or null. */
    Throwable declaredException(String className, String message) {
        MethodHandle ctor = declaredExceptions.get(className);
        if (ctor == null) {
            return null;
        }
        try {
            return (Throwable) ctor.invokeExact(message);
        } catch (Throwable t) {
            return null;
        }
    }

    String name() {
        return method.getName();
    }
}
