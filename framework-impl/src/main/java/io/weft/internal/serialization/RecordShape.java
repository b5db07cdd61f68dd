package io.weft.internal.serialization;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * What Hessian needs to know about one record class, computed once per class: component names and
 * types in declaration order, accessor handles, the canonical constructor as a handle taking an
 * {@code Object[]}, and the values a missing component defaults to (null, 0, false: what Java's own
 * record deserialization uses).
 *
 * <p>Immutable and thread-safe. The handles are looked up once; calls go through {@code
 * invokeExact}, with no reflection per value. The record class must be accessible to this module
 * (public, or in a package open to it): the same condition hessian-lite's own record support has.
 */
final class RecordShape {

    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    private static final MethodType ACCESSOR = MethodType.methodType(Object.class, Object.class);
    private static final MethodType CONSTRUCTOR = MethodType.methodType(Object.class, Object[].class);

    private final Class<?> type;
    private final String[] names;
    private final Class<?>[] types;
    private final MethodHandle[] accessors;
    private final MethodHandle constructor;
    private final Object[] defaults;
    private final Map<String, Integer> indexByName;

    private RecordShape(Class<?> type) {
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        int count = components.length;
        this.names = new String[count];
        this.types = new Class<?>[count];
        this.accessors = new MethodHandle[count];
        this.defaults = new Object[count];
        this.indexByName = new HashMap<>(count * 2);
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            for (int i = 0; i < count; i++) {
                RecordComponent component = components[i];
                names[i] = component.getName();
                types[i] = component.getType();
                defaults[i] = defaultValue(types[i]);
                indexByName.put(names[i], i);
                var accessor = component.getAccessor();
                accessor.trySetAccessible();
                accessors[i] = lookup.unreflect(accessor).asType(ACCESSOR);
            }
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.trySetAccessible();
            this.constructor = lookup.unreflectConstructor(canonical)
                    .asSpreader(Object[].class, count)
                    .asType(CONSTRUCTOR);
        } catch (IllegalAccessException | NoSuchMethodException e) {
            throw new IllegalStateException("record " + type.getName() + " is not accessible to Weft's"
                    + " Hessian serialization (make it public, or open its package): " + e, e);
        }
    }

    /** The shape of {@code type}, which must be a record class. */
    static RecordShape of(Class<?> type) {
        return SHAPES.get(type);
    }

    Class<?> type() {
        return type;
    }

    int size() {
        return names.length;
    }

    String name(int index) {
        return names[index];
    }

    Class<?> type(int index) {
        return types[index];
    }

    /** The index of the component called {@code name}, or -1 if this version has none. */
    int indexOf(String name) {
        Integer index = indexByName.get(name);
        return index == null ? -1 : index;
    }

    /** The value of component {@code index} of {@code record}. */
    Object get(Object record, int index) {
        try {
            return (Object) accessors[index].invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("accessor " + names[index] + "() of " + type.getName()
                    + " failed: " + e, e);
        }
    }

    /** A fresh value array holding every component's default. */
    Object[] defaults() {
        return defaults.clone();
    }

    /**
     * Calls the canonical constructor. Components whose value is missing or null but whose type is
     * primitive get their default; a value of the wrong type fails with a message naming the record.
     */
    Object construct(Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                values[i] = defaults[i];
            }
        }
        try {
            return (Object) constructor.invokeExact(values);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("Hessian 2 input does not fit record "
                    + type.getName() + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("constructor of " + type.getName() + " failed: " + e, e);
        }
    }

    private static Object defaultValue(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        return java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(type, 1), 0);
    }
}
