package io.weft.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.weft.internal.serialization.JsonSerialization;
import io.weft.spi.SerializationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The arguments of a JSON request (serialization 2), read into the declared parameter types, and
 * the method they are for. An overloaded name without {@code :params} is resolved by the number
 * of elements of the argument array; no overload or several with that count is an error naming
 * the candidates.
 */
record JsonArguments(SkeletonMethod method, Object[] arguments) {
    private static final Object[] NONE = new Object[0];

    /**
     * @param method the method named by {@code :method} (and {@code :params}), or null when the name
     *     is overloaded and the request has no {@code :params}
     * @throws SerializationException when the body cannot be read into the parameters (the message
     *     names the argument) or no single overload fits
     */
    static JsonArguments decode(ByteBuf body, ServiceSkeleton skeleton, String methodName, SkeletonMethod method,
                                JsonSerialization json) throws IOException {
        if (method != null) {
            if (!body.isReadable()) {
                return new JsonArguments(method, none(method));
            }
            return new JsonArguments(method, method.json().readArguments(new ByteBufInputStream(body)));
        }
        List<SkeletonMethod> candidates = skeleton.overloads(methodName);
        JsonNode tree = body.isReadable() ? json.readTree(new ByteBufInputStream(body)) : null;
        if (tree != null && !tree.isArray()) {
            throw new SerializationException("request body must be a JSON array of the arguments of " + methodName
                    + ", got " + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        int count = tree == null ? 0 : tree.size();
        List<SkeletonMethod> fitting = new ArrayList<>(2);
        for (SkeletonMethod m : candidates) {
            if (m.parameterCount() == count) {
                fitting.add(m);
            }
        }
        if (fitting.size() != 1) {
            throw new SerializationException((fitting.isEmpty()
                    ? "no overload of " + methodName + " takes " + count + " arguments"
                    : methodName + " is ambiguous: " + fitting.size() + " overloads take " + count + " arguments")
                    + "; send :params with one of " + signatures(fitting.isEmpty() ? candidates : fitting));
        }
        SkeletonMethod chosen = fitting.get(0);
        return new JsonArguments(chosen, tree == null ? NONE : chosen.json().readArguments(tree));
    }

    private static Object[] none(SkeletonMethod method) throws SerializationException {
        if (method.parameterCount() != 0) {
            throw new SerializationException("request has no body but " + method.method().getName() + " takes "
                    + method.parameterCount() + " arguments");
        }
        return NONE;
    }

    private static String signatures(List<SkeletonMethod> methods) {
        return methods.stream().map(m -> "'" + ServiceSkeleton.paramsOf(m.method()) + "'")
                .sorted().collect(Collectors.joining(", "));
    }
}
