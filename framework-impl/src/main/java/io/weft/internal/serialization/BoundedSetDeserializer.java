package io.weft.internal.serialization;

import com.alibaba.com.caucho.hessian.io.AbstractHessianInput;
import com.alibaba.com.caucho.hessian.io.AbstractListDeserializer;
import com.alibaba.com.caucho.hessian.io.Deserializer;
import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.Collection;
import java.util.HashSet;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reads sets as hessian-lite's collection deserializer does (same instance types), except that
 * each element is checked before it is hashed into the set ({@link DecodeBudget#checkKey}: no
 * collection, map or array elements) and elements are counted against {@link
 * DecodeLimits#maxCollectionSize()}. The constructor of a concrete set type is looked up once.
 * Thread-safe.
 */
final class BoundedSetDeserializer extends AbstractListDeserializer {
    private final Class<?> type;
    private final Supplier<Collection<Object>> factory;

    BoundedSetDeserializer(Class<?> type) {
        this.type = type;
        this.factory = factoryOf(type);
    }

    /** As hessian-lite: a no-argument constructor if the type has one, else a TreeSet or HashSet. */
    @SuppressWarnings("unchecked")
    private static Supplier<Collection<Object>> factoryOf(Class<?> type) {
        if (!type.isInterface()) {
            try {
                Constructor<?> constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
                return () -> {
                    try {
                        return (Collection<Object>) constructor.newInstance();
                    } catch (ReflectiveOperationException e) {
                        throw new RefusedInputException("cannot create a " + type.getName() + ": " + e);
                    }
                };
            } catch (ReflectiveOperationException | RuntimeException e) {
                // no usable constructor (unmodifiable, singleton and empty sets): a mutable set instead
            }
        }
        return SortedSet.class.isAssignableFrom(type) ? TreeSet::new : HashSet::new;
    }

    @Override
    public Class<?> getType() {
        return type;
    }

    @Override
    public Object readList(AbstractHessianInput in, int length) throws IOException {
        return readList(in, length, null);
    }

    @Override
    public Object readList(AbstractHessianInput in, int length, Class<?> expectType) throws IOException {
        Collection<Object> set = factory.get();
        in.addRef(set);
        Deserializer elements = elementDeserializer(in, expectType);
        DecodeBudget budget = DecodeBudget.current();
        int count = 0;
        while (!in.isEnd()) {
            budget.checkEntries(++count, "set elements");
            set.add(checked(elements == null ? in.readObject() : elements.readObject(in)));
        }
        in.readEnd();
        return set;
    }

    @Override
    public Object readLengthList(AbstractHessianInput in, int length) throws IOException {
        return readLengthList(in, length, null);
    }

    @Override
    public Object readLengthList(AbstractHessianInput in, int length, Class<?> expectType) throws IOException {
        DecodeBudget.current().checkEntries(length, "set elements");
        Collection<Object> set = factory.get();
        in.addRef(set);
        Deserializer elements = elementDeserializer(in, expectType);
        for (int i = 0; i < length; i++) {
            set.add(checked(elements == null ? in.readObject() : elements.readObject(in)));
        }
        return set;
    }

    private static Deserializer elementDeserializer(AbstractHessianInput in, Class<?> expectType)
            throws IOException {
        return expectType == null ? null
                : ((Hessian2Input) in).getSerializerFactory().getDeserializer(expectType.getName());
    }

    private static Object checked(Object element) {
        DecodeBudget.checkKey(element, "set element");
        return element;
    }

    @Override
    public String toString() {
        return "BoundedSetDeserializer[" + type.getName() + "]";
    }
}
