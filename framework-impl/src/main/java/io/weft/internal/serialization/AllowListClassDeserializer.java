package io.weft.internal.serialization;

import com.alibaba.com.caucho.hessian.io.AbstractHessianInput;
import com.alibaba.com.caucho.hessian.io.AbstractMapDeserializer;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads {@code java.lang.Class} values (a map with a {@code name} entry), checking the named class
 * against the allow-list before loading it, without initializing it. Replaces hessian-lite's
 * {@code ClassDeserializer}, which loads any name it is given. Thread-safe.
 */
final class AllowListClassDeserializer extends AbstractMapDeserializer {

    private static final Map<String, Class<?>> PRIMITIVES = Map.of(
            "void", void.class, "boolean", boolean.class, "byte", byte.class,
            "char", char.class, "short", short.class, "int", int.class,
            "long", long.class, "float", float.class, "double", double.class);

    private final AtomicReference<ClassAllowList> allowList;
    private final ClassLoader loader;

    AllowListClassDeserializer(AtomicReference<ClassAllowList> allowList, ClassLoader loader) {
        this.allowList = allowList;
        this.loader = loader;
    }

    @Override
    public Class<?> getType() {
        return Class.class;
    }

    @Override
    public Object readMap(AbstractHessianInput in) throws IOException {
        int ref = in.addRef(null);
        String name = null;
        while (!in.isEnd()) {
            String key = in.readString();
            if ("name".equals(key)) {
                name = in.readString();
            } else {
                in.readObject();
            }
        }
        in.readMapEnd();
        Class<?> value = resolve(name);
        in.setRef(ref, value);
        return value;
    }

    @Override
    public Object readObject(AbstractHessianInput in, Object[] fields) throws IOException {
        int ref = in.addRef(null);
        String name = null;
        for (Object field : fields) {
            if ("name".equals(field)) {
                name = in.readString();
            } else {
                in.readObject();
            }
        }
        Class<?> value = resolve(name);
        in.setRef(ref, value);
        return value;
    }

    private Class<?> resolve(String name) throws IOException {
        if (name == null) {
            throw new IOException("a serialized java.lang.Class has no name");
        }
        Class<?> primitive = PRIMITIVES.get(name);
        if (primitive != null) {
            return primitive;
        }
        allowList.get().check(name);
        return AllowListSerializerFactory.load(name, loader);
    }
}
