package io.weft.internal.server;

import io.weft.GenericService;
import io.weft.OneWay;
import io.weft.internal.serialization.JsonSerialization;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The dispatch table of one exported service, built once: method name (and {@code :params} for
 * overloads) → {@link SkeletonMethod}. A generic export ({@link #generic}) maps its method names
 * to its {@link GenericService}, and accepts JSON requests only.
 */
final class ServiceSkeleton {
    private static final String BLANK_SERVICE = "service name must not be blank";
    private final GenericService generic; // null for a typed export
    private final String service;
    private final Class<?> serviceInterface;
    private final Map<String, SkeletonMethod> byName;
    private final Map<String, SkeletonMethod> byNameAndParams;
    private final Map<String, List<SkeletonMethod>> overloads; // names with several methods
    private final List<String> methodNames;

    ServiceSkeleton(Class<?> serviceInterface, Object implementation) {
        this(serviceInterface, implementation, JsonSerialization.withDefaults());
    }

    /**
     * The skeleton of a generic export: {@code methods} (none = any name) served by {@code handler}.
     */
    static ServiceSkeleton generic(String service, List<String> methods, GenericService handler) {
        return new ServiceSkeleton(service, methods, handler);
    }

    private ServiceSkeleton(String service, List<String> methods, GenericService handler) {
        Objects.requireNonNull(handler, "handler");
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException(BLANK_SERVICE);
        }
        Map<String, SkeletonMethod> single = new HashMap<>();
        for (String m : methods) {
            if (m == null || m.isBlank()) {
                throw new IllegalArgumentException("method names of " + service + " must not be blank: " + methods);
            }
            single.put(m, SkeletonMethod.generic(m, handler));
        }
        this.service = service;
        this.serviceInterface = GenericService.class;
        this.generic = handler;
        this.byName = Map.copyOf(single);
        this.byNameAndParams = Map.of();
        this.overloads = Map.of();
        this.methodNames = single.keySet().stream().sorted().toList();
    }

    ServiceSkeleton(Class<?> serviceInterface, Object implementation, JsonSerialization json) {
        this.generic = null;
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

    /** True for a generic (JSON-only) export. */
    boolean isGeneric() {
        return generic != null;
    }

    /** The method called {@code name}; {@code params} (may be null) picks among overloads. */
    SkeletonMethod find(String name, String params) {
        if (generic != null) { // no overloads: :params does not matter
            SkeletonMethod m = byName.get(name);
            return m != null || !methodNames.isEmpty() ? m : SkeletonMethod.generic(name, generic);
        }
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
