package io.weft.internal.client;

import io.weft.RpcException;
import io.weft.Status;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.concurrent.CompletionStage;

/**
 * What a method's result must be, worked out once when the stub is made: the declared return type
 * (for {@code CompletableFuture<T>} and {@code CompletionStage<T>}, the raw class of {@code T}).
 * {@link #check} runs on every call: one {@code isInstance}, no reflection. A result that does not
 * fit fails with {@code INTERNAL} naming both types instead of surfacing later as a
 * {@link ClassCastException}. Hessian's widened forms of {@code byte}, {@code short}, {@code float}
 * and {@code char} (an int, a double, a one-character string) are narrowed back when they fit.
 */
final class ResultType {
    private final String method; // service.method, for messages
    private final Class<?> declared; // as declared: int, void, java.lang.String, ...
    private final Class<?> boxed; // what the value must be an instance of; Object: anything goes

    private ResultType(String method, Class<?> declared) {
        this.method = method;
        this.declared = declared;
        this.boxed = declared == void.class ? Void.class : MethodType.methodType(declared).wrap().returnType();
    }

    static ResultType of(String service, Method m) {
        Class<?> rt = m.getReturnType();
        if (CompletionStage.class.isAssignableFrom(rt)) {
            rt = Object.class;
            Type generic = m.getGenericReturnType();
            if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
                Type arg = p.getActualTypeArguments()[0];
                if (arg instanceof Class<?> c) {
                    rt = c;
                } else if (arg instanceof ParameterizedType pa && pa.getRawType() instanceof Class<?> c) {
                    rt = c;
                } // type variables, wildcards, generic arrays: not checked
            }
        }
        return new ResultType(service + "." + m.getName(), rt);
    }

    /**
     * The result as the method's type.
     *
     * @throws RpcException {@code INTERNAL} when {@code value} is not of the declared type
     */
    Object check(Object value) {
        if (value == null) {
            if (declared.isPrimitive() && declared != void.class) {
                throw mismatch("null");
            }
            return null;
        }
        if (boxed.isInstance(value)) {
            return value;
        }
        Object narrowed = narrow(value);
        if (narrowed != null) {
            return narrowed;
        }
        throw mismatch(value.getClass().getName());
    }

    private Object narrow(Object value) {
        if (value instanceof Integer i) {
            if (boxed == Short.class && i == i.shortValue()) {
                return i.shortValue();
            }
            if (boxed == Byte.class && i == i.byteValue()) {
                return i.byteValue();
            }
        } else if (value instanceof Double d && boxed == Float.class) {
            float f = d.floatValue();
            if ((double) f == d || d.isNaN()) {
                return f;
            }
        } else if (value instanceof String s && boxed == Character.class && s.length() == 1) {
            return s.charAt(0);
        }
        return null;
    }

    private RpcException mismatch(String actual) {
        return new RpcException(Status.INTERNAL, method + " returned " + actual + ", expected " + declared.getName());
    }
}
