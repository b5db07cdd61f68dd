package io.weft.internal.client;

import com.fasterxml.jackson.databind.ObjectReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.weft.GenericReference;
import io.weft.GenericRequest;
import io.weft.OneWay;
import io.weft.internal.serialization.JsonSerialization;
import io.weft.internal.transport.FrameWriter;
import io.weft.internal.transport.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Everything about one interface method that does not change between calls, computed when the
 * stub is made: its call style, deadline, pre-encoded request metadata, its result type, how
 * to rebuild the exceptions it declares, and the serializations it may use in order of preference
 * ({@link #serializationFor}). A generic method ({@link #generic}) has no interface method: its
 * arguments and result are JSON text, and it is called in JSON only.
 */
final class ClientMethod {
    enum Style { SYNC, FUTURE, ONE_WAY }

    private static final MethodType STRING_CTOR = MethodType.methodType(void.class, String.class);
    private static final MethodType NO_ARG_CTOR = MethodType.methodType(void.class);
    private static final byte[] HESSIAN_ONLY = {Wire.SERIALIZATION_HESSIAN2};
    /** What {@link io.weft.ClientCall#method()} is for a generic call. */
    static final Method GENERIC_METHOD = genericMethod();

    final String service;
    final String name;
    final Method method;
    /** A generic call: JSON text in, JSON text out. */
    final boolean generic;
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
    private final byte[] preference; // wire ids, most preferred first
    private final byte first;
    private final int firstBit;
    /** JSON (serialization 2), or null when this method may not use it. */
    final JsonSerialization json;
    private final ObjectReader jsonResult; // the declared result type; null for void and generic methods

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
        this(service, method, overloaded, timeout, application, policy, token, null, HESSIAN_ONLY);
    }

    /**
     * @param json JSON, or null when {@code preference} has no JSON
     * @param preference the wire ids this method may use, most preferred first
     */
    ClientMethod(String service, Method method, boolean overloaded, Duration timeout, String application,
                 CallPolicy policy, String token, JsonSerialization json, byte[] preference) {
        this.service = service;
        this.name = method.getName();
        this.generic = false;
        this.json = json;
        this.preference = preference.clone();
        this.first = preference[0];
        this.firstBit = Serializations.bit(first);
        this.jsonResult = json == null ? null : json.resultReader(method);
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
        Map<String, String> fixed = requestMetadata(service, method.getName(), overloaded
                ? Arrays.stream(method.getParameterTypes()).map(Class::getName).collect(Collectors.joining(","))
                : null, application, token);
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

    /** The reserved request metadata every call of one method carries, in wire order; {@code params} may be null. */
    private static Map<String, String> requestMetadata(String service, String name, String params,
                                                       String application, String token) {
        Map<String, String> fixed = new LinkedHashMap<>();
        fixed.put(Wire.SERVICE, service);
        fixed.put(Wire.METHOD, name);
        if (params != null) {
            fixed.put(Wire.PARAMS, params);
        }
        if (application != null) {
            fixed.put(Wire.APP, application);
        }
        if (token != null) {
            fixed.put(Wire.TOKEN, token);
        }
        return fixed;
    }

    /** A method of a generic reference: called by name, JSON only, its result the JSON text. */
    private ClientMethod(String service, String name, List<String> parameterTypes, Duration timeout,
                         String application, CallPolicy policy, String token, JsonSerialization json) {
        this.service = service;
        this.name = name;
        this.method = GENERIC_METHOD;
        this.generic = true;
        this.style = Style.FUTURE;
        this.timeout = timeout;
        this.policy = policy;
        this.json = json;
        this.preference = new byte[] {Wire.SERIALIZATION_JSON};
        this.first = preference[0];
        this.firstBit = Serializations.bit(first);
        this.jsonResult = null;
        Map<String, String> fixed = requestMetadata(service, name,
                parameterTypes.isEmpty() ? null : String.join(",", parameterTypes), application, token);
        this.fixedMetadata = FrameWriter.encodeEntries(fixed);
        this.fixedMetadataCount = fixed.size();
        this.sendsToken = token != null;
        this.declaredExceptions = Map.of();
        this.defaultValue = null;
        this.resultType = null;
    }

    static ClientMethod generic(String service, String name, List<String> parameterTypes, Duration timeout,
                                String application, CallPolicy policy, String token, JsonSerialization json) {
        return new ClientMethod(service, name, parameterTypes, timeout, application, policy, token, json);
    }

    private static Method genericMethod() {
        try {
            return GenericReference.class.getMethod("callAsync", GenericRequest.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The serialization to call an instance in: the first of this method's preference that the
     * instance accepts ({@code accepts}: bits {@code 1 << id}), else the first. One bit test when
     * the instance takes the preferred one.
     */
    byte serializationFor(int accepts) {
        if ((accepts & firstBit) != 0) {
            return first;
        }
        for (byte id : preference) {
            if ((accepts & Serializations.bit(id)) != 0) {
                return id;
            }
        }
        return first;
    }

    /**
     * The result in a JSON response body: for a generic method the JSON text ({@code null} for an
     * empty body or JSON {@code null}), else the value read as the declared result type.
     */
    Object readJsonResult(ByteBuf body) throws IOException {
        if (generic) {
            String text = body.toString(StandardCharsets.UTF_8).strip();
            return text.isEmpty() || text.equals("null") ? null : text;
        }
        if (!body.isReadable() || jsonResult == null) {
            return null;
        }
        return jsonResult.readValue((InputStream) new ByteBufInputStream(body));
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
        return name;
    }
}
