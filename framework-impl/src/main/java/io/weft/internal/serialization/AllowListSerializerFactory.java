package io.weft.internal.serialization;

import com.alibaba.com.caucho.hessian.io.AbstractHessianInput;
import com.alibaba.com.caucho.hessian.io.ArrayDeserializer;
import com.alibaba.com.caucho.hessian.io.CollectionDeserializer;
import com.alibaba.com.caucho.hessian.io.Deserializer;
import com.alibaba.com.caucho.hessian.io.HessianProtocolException;
import com.alibaba.com.caucho.hessian.io.MapDeserializer;
import com.alibaba.com.caucho.hessian.io.Serializer;
import com.alibaba.com.caucho.hessian.io.SerializerFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A hessian-lite {@link SerializerFactory} that turns type names from the stream into classes only
 * after the {@link ClassAllowList} admits them, and fails loudly otherwise.
 *
 * <p>hessian-lite resolves stream type names in one place, {@link #getDeserializer(String)}: object
 * definitions ({@code C}), typed lists and maps, and array names ({@code [x}) all reach it through
 * {@code getObjectDeserializer}, {@code getListDeserializer}, {@code readList}, {@code readMap} and
 * {@code readObject}. The inherited implementation loads the class through {@code ClassFactory},
 * catches every failure (including its own deny-list) and silently answers "no deserializer",
 * which callers turn into a {@code HashMap}. This class replaces that method entirely, so neither
 * {@code ClassFactory} nor hessian-lite's static unknown-type cache is ever used. {@link
 * #loadSerializedClass} is closed the same way, and {@code java.lang.Class} values get a
 * deserializer that checks the named class.
 *
 * <p>Records are written and read by Weft's {@link RecordSerializer} and {@link RecordDeserializer}
 * (same wire form as hessian-lite's, correct back-references, tolerant of added or removed
 * components); every other type keeps hessian-lite's serializers.
 *
 * <p>Thread-safe; shared by all threads. Resolved names are cached; refusals are not (an admitted
 * prefix may be added later).
 */
final class AllowListSerializerFactory extends SerializerFactory {

    /** Names hessian-lite maps to built-in deserializers without loading anything. */
    private static final Set<String> BASIC_TYPE_NAMES = Set.of(
            "void", "boolean", "byte", "short", "int", "long", "float", "double", "char",
            "string", "object", "date",
            "[boolean", "[byte", "[short", "[int", "[long", "[float", "[double", "[char",
            "[string", "[object");

    /** Deeper array names are refused, which keeps the name cache finite. */
    private static final int MAX_ARRAY_DIMENSIONS = 16;
    private static final String TOO_MANY_DIMENSIONS = "[".repeat(MAX_ARRAY_DIMENSIONS + 1);

    private final AtomicReference<ClassAllowList> allowList;
    private final ClassLoader loader;
    private final AllowListClassDeserializer classDeserializer;
    private final ConcurrentMap<String, Deserializer> byName = new ConcurrentHashMap<>();
    private final ConcurrentMap<Deserializer, BudgetedDeserializer> budgeted =
            new ConcurrentHashMap<>();
    private final Deserializer untypedMap = new BoundedMapDeserializer(HashMap.class);

    AllowListSerializerFactory(ClassAllowList initial, ClassLoader loader) {
        super(loader);
        this.allowList = new AtomicReference<>(initial);
        this.loader = loader;
        this.classDeserializer = new AllowListClassDeserializer(allowList, loader);
        // The allow-list is the security boundary; Serializable says nothing about Hessian safety,
        // and records or DTOs without it are common in service interfaces.
        setAllowNonSerializable(true);
    }

    /** Admits names starting with {@code prefix} from now on (copy-on-write, lock-free reads). */
    void admit(String prefix) {
        allowList.updateAndGet(current -> current.withPrefix(prefix));
    }

    /** Admits exactly {@code classNames} from now on (copy-on-write, lock-free reads). */
    void admitClasses(Set<String> classNames) {
        allowList.updateAndGet(current -> current.withClasses(classNames));
    }

    ClassAllowList allowList() {
        return allowList.get();
    }

    @Override
    public Deserializer getDeserializer(String type) throws HessianProtocolException {
        if (type == null || type.isEmpty()) {
            return null; // untyped list or map: the caller uses ArrayList / HashMap
        }
        Deserializer cached = byName.get(type);
        if (cached != null) {
            return cached;
        }
        Deserializer resolved = resolve(type);
        byName.putIfAbsent(type, resolved);
        return resolved;
    }

    private Deserializer resolve(String type) throws HessianProtocolException {
        if (BASIC_TYPE_NAMES.contains(type)) {
            return super.getDeserializer(type);
        }
        if (type.charAt(0) == '[') {
            if (type.startsWith(TOO_MANY_DIMENSIONS)) {
                throw new RefusedInputException("array type " + abbreviate(type)
                        + " has more than " + MAX_ARRAY_DIMENSIONS + " dimensions");
            }
            Deserializer component = getDeserializer(type.substring(1));
            if (component == null) {
                throw new RefusedInputException("array type " + abbreviate(type)
                        + " has no element type");
            }
            return new ArrayDeserializer(component.getType());
        }
        allowList.get().check(type);
        return getDeserializer(load(type, loader));
    }

    /** Object definitions ({@code C}): the field table is sized by the stream. */
    @Override
    public Deserializer getObjectDeserializer(String type, Class cl) throws HessianProtocolException {
        return budgeted(super.getObjectDeserializer(type, cl));
    }

    /** Fixed-length lists and arrays: pre-allocated at the length the stream announces. */
    @Override
    public Deserializer getListDeserializer(String type, Class cl) throws HessianProtocolException {
        return budgeted(super.getListDeserializer(type, cl));
    }

    private Deserializer budgeted(Deserializer deserializer) {
        if (deserializer instanceof BudgetedDeserializer) {
            return deserializer;
        }
        // Keyed by identity (deserializers do not override equals); bounded like the caches above.
        return budgeted.computeIfAbsent(deserializer, BudgetedDeserializer::new);
    }

    @Override
    public Class<?> loadSerializedClass(String className) {
        allowList.get().check(className);
        return load(className, loader);
    }

    @Override
    protected Serializer loadSerializer(Class<?> cl) throws HessianProtocolException {
        if (cl.isRecord()) {
            return new RecordSerializer(RecordShape.of(cl));
        }
        return super.loadSerializer(cl);
    }

    @Override
    protected Deserializer loadDeserializer(Class cl) throws HessianProtocolException {
        // Declared field types of admitted classes are the application's own choice and are not
        // re-checked, except for the hard deny-list and Class, whose values name further classes.
        if (cl == Class.class) {
            return classDeserializer;
        }
        Class<?> element = cl;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (ClassAllowList.isDenied(element.getName())) {
            allowList.get().check(element.getName());
        }
        if (cl.isRecord()) {
            return new RecordDeserializer(RecordShape.of(cl));
        }
        Deserializer deserializer = super.loadDeserializer(cl);
        // Maps and sets hash what they hold: check keys and elements before they are hashed.
        if (deserializer != null && deserializer.getClass() == MapDeserializer.class) {
            return new BoundedMapDeserializer(cl);
        }
        if (deserializer instanceof CollectionDeserializer && Set.class.isAssignableFrom(cl)) {
            return new BoundedSetDeserializer(cl);
        }
        return deserializer;
    }

    /** Maps ({@code H}, {@code M}): untyped ones become a {@code HashMap} whose keys are checked. */
    @Override
    public Object readMap(AbstractHessianInput in, String type) throws IOException {
        Deserializer deserializer = getDeserializer(type);
        return (deserializer != null ? deserializer : untypedMap).readMap(in);
    }

    /** Loads an already-admitted class without initializing it. */
    static Class<?> load(String className, ClassLoader loader) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new RefusedInputException("class " + abbreviate(className)
                    + " is allowed for deserialization but cannot be loaded: " + e);
        }
    }

    static String abbreviate(String name) {
        return name.length() <= 200 ? name : name.substring(0, 200) + "...";
    }
}
