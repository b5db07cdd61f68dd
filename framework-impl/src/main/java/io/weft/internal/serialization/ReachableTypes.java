package io.weft.internal.serialization;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The application classes a service interface can carry on the wire: the parameter, return and
 * exception types of its methods, and from there, transitively, generic type arguments, array
 * components, record components, non-static non-transient fields (superclasses included),
 * superclasses and the permitted subclasses of sealed types. JDK types ({@code java.}, {@code
 * javax.}, {@code jdk.}) are left to the built-in allow-list and not explored. Runs once per
 * exported or referenced interface, never per call.
 */
final class ReachableTypes {
    private ReachableTypes() {}

    /** The binary names of the application classes reachable from {@code serviceInterface}'s methods. */
    static Set<String> of(Class<?> serviceInterface) {
        Set<String> names = new LinkedHashSet<>();
        Set<Type> seen = new HashSet<>();
        Deque<Type> todo = new ArrayDeque<>();
        for (Method m : serviceInterface.getMethods()) {
            if (m.getDeclaringClass() == Object.class || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            todo.add(m.getGenericReturnType());
            for (Type p : m.getGenericParameterTypes()) {
                todo.add(p);
            }
            for (Type e : m.getGenericExceptionTypes()) {
                todo.add(e);
            }
        }
        while (!todo.isEmpty()) {
            Type type = todo.poll();
            if (!seen.add(type)) {
                continue;
            }
            if (type instanceof Class<?> c) {
                visitClass(c, names, todo);
            } else if (type instanceof ParameterizedType p) {
                todo.add(p.getRawType());
                for (Type argument : p.getActualTypeArguments()) {
                    todo.add(argument);
                }
            } else if (type instanceof GenericArrayType a) {
                todo.add(a.getGenericComponentType());
            } else if (type instanceof WildcardType w) {
                for (Type bound : w.getUpperBounds()) {
                    todo.add(bound);
                }
                for (Type bound : w.getLowerBounds()) {
                    todo.add(bound);
                }
            } else if (type instanceof TypeVariable<?> v) {
                for (Type bound : v.getBounds()) {
                    todo.add(bound);
                }
            }
        }
        return names;
    }

    private static void visitClass(Class<?> c, Set<String> names, Deque<Type> todo) {
        if (c.isArray()) {
            todo.add(c.getComponentType());
            return;
        }
        if (c.isPrimitive() || isJdk(c.getName())) {
            return;
        }
        names.add(c.getName());
        if (c.getGenericSuperclass() != null) {
            todo.add(c.getGenericSuperclass());
        }
        if (c.isSealed()) {
            for (Class<?> permitted : c.getPermittedSubclasses()) {
                todo.add(permitted);
            }
        }
        if (c.isRecord()) {
            for (RecordComponent component : c.getRecordComponents()) {
                todo.add(component.getGenericType());
            }
            return;
        }
        for (Field f : c.getDeclaredFields()) {
            int modifiers = f.getModifiers();
            if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)) {
                todo.add(f.getGenericType());
            }
        }
    }

    private static boolean isJdk(String name) {
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.");
    }
}
