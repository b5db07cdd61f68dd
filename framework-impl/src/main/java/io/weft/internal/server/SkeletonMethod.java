package io.weft.internal.server;

import io.weft.Deadline;
import io.weft.GenericService;
import io.weft.NonBlocking;
import io.weft.OneWay;
import io.weft.internal.serialization.JsonMethod;
import io.weft.internal.serialization.JsonSerialization;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One method of an exported service, prepared once at export: a method handle bound to the
 * implementation and spread over an {@code Object[]}, plus what is needed to check arguments.
 * A method of a generic export ({@link #generic}) has no handle: its one argument is the JSON
 * argument array as a string, handed to the {@link GenericService}.
 */
final class SkeletonMethod {
    /** What {@link io.weft.ServerCall#method()} is for a generic export. */
    static final Method GENERIC_CALL;

    static {
        try {
            GENERIC_CALL = GenericService.class.getMethod("call", String.class, String.class, Map.class,
                    Deadline.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Method method;
    private final String name;
    private final GenericService generic; // null for a typed method
    private final MethodHandle invoker; // (Object[])Object
    private final Class<?>[] boxedParameterTypes;
    private final boolean[] primitive;
    private final boolean async;
    private final boolean oneWay;
    private final boolean nonBlocking;
    private final JsonMethod json;

    /** A method {@code name} of a generic export served by {@code handler}. */
    static SkeletonMethod generic(String name, GenericService handler) {
        return new SkeletonMethod(name, handler);
    }

    private SkeletonMethod(String name, GenericService handler) {
        this.method = GENERIC_CALL;
        this.name = name;
        this.generic = handler;
        this.json = null;
        this.invoker = null;
        this.boxedParameterTypes = new Class<?>[] {String.class};
        this.primitive = new boolean[1];
        this.async = true;
        this.oneWay = false;
        this.nonBlocking = false;
    }

    SkeletonMethod(Method method, Object implementation, JsonSerialization json) {
        this.method = method;
        this.name = method.getName();
        this.generic = null;
        this.json = json.method(method);
        Class<?>[] params = method.getParameterTypes();
        this.boxedParameterTypes = new Class<?>[params.length];
        this.primitive = new boolean[params.length];
        for (int i = 0; i < params.length; i++) {
            primitive[i] = params[i].isPrimitive();
            boxedParameterTypes[i] = MethodType.methodType(params[i]).wrap().returnType();
        }
        this.async = CompletionStage.class.isAssignableFrom(method.getReturnType());
        this.oneWay = method.isAnnotationPresent(OneWay.class);
        this.nonBlocking = nonBlocking(method, implementation.getClass());
        try {
            method.setAccessible(true);
            this.invoker = MethodHandles.lookup().unreflect(method)
                    .bindTo(implementation)
                    .asSpreader(Object[].class, params.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException("cannot export method " + method + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@link NonBlocking} marks the method: on the interface method or the interface, or on the
     * implementation's method or class.
     */
    private static boolean nonBlocking(Method method, Class<?> implementation) {
        if (method.isAnnotationPresent(NonBlocking.class)
                || method.getDeclaringClass().isAnnotationPresent(NonBlocking.class)
                || implementation.isAnnotationPresent(NonBlocking.class)) {
            return true;
        }
        try {
            return implementation.getMethod(method.getName(), method.getParameterTypes())
                    .isAnnotationPresent(NonBlocking.class);
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    Method method() {
        return method;
    }

    /** Runs on the event loop that read its request even when the server dispatches to its pool. */
    boolean nonBlocking() {
        return nonBlocking;
    }

    /** The method's name as callers send it in {@code :method}. */
    String name() {
        return name;
    }

    /** The handler of a generic export's method, or null for a typed method. */
    GenericService generic() {
        return generic;
    }

    boolean async() {
        return async;
    }

    boolean oneWay() {
        return oneWay;
    }

    /** How JSON arguments of this method are read (serialization 2). */
    JsonMethod json() {
        return json;
    }

    int parameterCount() {
        return boxedParameterTypes.length;
    }

    /** Null when the arguments fit the parameters, else what is wrong. */
    String checkArguments(Object[] args) {
        if (args.length != boxedParameterTypes.length) {
            return name + " takes " + boxedParameterTypes.length + " arguments, got " + args.length;
        }
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null ? primitive[i] : !boxedParameterTypes[i].isInstance(a)) {
                return "argument " + i + " of " + method.getName() + " must be "
                        + method.getParameterTypes()[i].getName() + ", got "
                        + (a == null ? "null" : a.getClass().getName());
            }
        }
        return null;
    }

    Object invoke(Object[] args) throws Throwable {
        return invoker.invokeExact(args);
    }
}
