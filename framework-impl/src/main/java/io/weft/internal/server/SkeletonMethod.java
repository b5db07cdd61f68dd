package io.weft.internal.server;

import io.weft.OneWay;
import io.weft.internal.serialization.JsonMethod;
import io.weft.internal.serialization.JsonSerialization;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;

/**
 * One method of an exported service, prepared once at export: a method handle bound to the
 * implementation and spread over an {@code Object[]}, plus what is needed to check arguments.
 */
final class SkeletonMethod {
    private final Method method;
    private final MethodHandle invoker; // (Object[])Object
    private final Class<?>[] boxedParameterTypes;
    private final boolean[] primitive;
    private final boolean async;
    private final boolean oneWay;
    private final JsonMethod json;

    SkeletonMethod(Method method, Object implementation, JsonSerialization json) {
        this.method = method;
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

    Method method() {
        return method;
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
            return method.getName() + " takes " + boxedParameterTypes.length + " arguments, got " + args.length;
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
