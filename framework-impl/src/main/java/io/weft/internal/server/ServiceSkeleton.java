package io.weft.internal.server;

import io.weft.OneWay;
import io.weft.internal.serialization.JsonSerialization;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The dispatch table of one exported service, built once: method name (and {@code :params} for
 * overloads) → {@link SkeletonMethod}.
 */
final class ServiceSkeleton {
    private final String service;
    private final Class<?> serviceInterface;
    private final Map<String, SkeletonMethod> byName;
    private final Map<String, SkeletonMethod> byNameAndParams;
    private final Map<String, List<SkeletonMethod>> overloads; // names with several methods
    private final List<String> methodNames;

    ServiceSkeleton(Class<?> serviceInterface, Object implementation) {
        this(serviceInterface, implementation, JsonSerialization.withDefaults());
    }

    ServiceSkeleton(Class<?> serviceInterface, Object implementation, JsonSerialization json) {
        if (!serviceInterface.isInterface()) {
            throw new IllegalArgumentException(serviceInterface.getName() + " is not an interface");
        }
        if (!serviceInterface.isInstance(implementation)) {
            throw new IllegalArgumentException(implementation.getClass().getName() + " does not implement "
                    + serviceInterface.getName());
        }
        this.service = serviceInterface.getName();
        this.serviceInterface = serviceInterface;
        Map<String, List<Method>> grouped = new HashMap<>();
        for (Method m : serviceInterface.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            if (m.isAnnotationPresent(OneWay.class) && m.getReturnType() != void.class) {
                throw new IllegalArgumentException("@OneWay method " + m + " must return void");
            }
            grouped.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(m);
        }
        Map<String, SkeletonMethod> single = new HashMap<>();
        Map<String, SkeletonMethod> overloaded = new HashMap<>();
        Map<String, List<SkeletonMethod>> groups = new HashMap<>();
        grouped.forEach((name, methods) -> {
            List<SkeletonMethod> group = new ArrayList<>();
            for (Method m : methods) {
                SkeletonMethod sm = new SkeletonMethod(m, implementation, json);
                if (methods.size() == 1) {
                    single.put(name, sm);
                }
                overloaded.put(name + "(" + paramsOf(m) + ")", sm);
                group.add(sm);
            }
            if (group.size() > 1) {
                groups.put(name, List.copyOf(group));
            }
        });
        this.byName = Map.copyOf(single);
        this.byNameAndParams = Map.copyOf(overloaded);
        this.overloads = Map.copyOf(groups);
        this.methodNames = grouped.keySet().stream().sorted().toList();
    }

    /** The {@code :params} value for a method: comma-separated Java type names. */
    static String paramsOf(Method m) {
        return Arrays.stream(m.getParameterTypes()).map(Class::getName).collect(Collectors.joining(","));
    }

    String service() {
        return service;
    }

    Class<?> serviceInterface() {
        return serviceInterface;
    }

    List<String> methodNames() {
        return methodNames;
    }

    /** The method called {@code name}; {@code params} (may be null) picks among overloads. */
    SkeletonMethod find(String name, String params) {
        if (params == null) {
            return byName.get(name);
        }
        SkeletonMethod m = byNameAndParams.get(name + "(" + params + ")");
        return m != null ? m : byName.get(name);
    }

    /**
     * The overloads named {@code name} when there are several (a JSON call without {@code :params}
     * picks one by its argument count), else an empty list.
     */
    List<SkeletonMethod> overloads(String name) {
        return overloads.getOrDefault(name, List.of());
    }

    boolean hasMethodNamed(String name) {
        return methodNames.contains(name);
    }
}
