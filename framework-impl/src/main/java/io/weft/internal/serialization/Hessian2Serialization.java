package io.weft.internal.serialization;

import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import com.alibaba.com.caucho.hessian.io.HessianProtocolException;
import io.weft.spi.Serialization;
import io.weft.spi.SerializationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Hessian 2 (wire id 1, name {@code hessian2}) on hessian-lite, decoding only classes on an
 * allow-list (DESIGN §4).
 *
 * <p>Admitted: JDK value types (boxed primitives, {@code String}, the common {@code java.util} and
 * {@code java.util.concurrent} collections, {@code Date}, {@code UUID}, {@code Locale}, {@code
 * Currency}, {@code BitSet}, {@code Optional*}, {@code java.sql} dates), everything under {@code
 * java.time.} and {@code java.math.}, arrays of admitted types, the types reachable from the
 * interfaces passed to {@link #allowTypesOf}, the packages passed to {@link #allowPackageOf}, and
 * the configured prefixes ({@code weft.serialization.allow}). A hard
 * deny-list of known gadget classes ({@code com.sun.rowset.}, {@code org.springframework.}, …)
 * applies first and cannot be overridden. A stream naming any other class fails {@link #read} with
 * a {@link SerializationException} whose message names the class; the decision is made on the
 * name, so a refused class is never loaded.
 *
 * <p>Records, immutable collections, {@code java.time} and the {@code Optional} family round-trip
 * on Java 17 without {@code --add-opens}; {@code docs/serialization.md} lists the wire form of each.
 * Strings are encoded in bulk ({@link BulkStringHessian2Output}) with the same bytes hessian-lite
 * writes, and decoded in bulk ({@link BulkStringHessian2Input}) into the same strings hessian-lite
 * reads.
 *
 * <p>Thread-safe. Each thread reuses one {@code Hessian2Input} and one {@code Hessian2Output}; a
 * call that fails discards its thread's instance, so no state survives a failure. Classes are
 * loaded through the context class loader of the thread that constructs this object (or this
 * class's loader if there is none).
 */
public final class Hessian2Serialization implements Serialization {

    /** The wire id of Hessian 2 (DESIGN §4, frame byte 5). */
    static final int ID = 1;

    private static final int MAX_CAUSE_DEPTH = 32;

    private final AllowListSerializerFactory factory;
    private final DecodeLimits limits;
    private final ThreadLocal<Reader> readers = ThreadLocal.withInitial(this::newReader);
    private final ThreadLocal<Hessian2Output> outputs = ThreadLocal.withInitial(this::newOutput);

    /**
     * Creates the serialization with the built-in allow-list plus {@code extraAllowedPrefixes}
     * (package or class-name prefixes such as {@code com.acme.model.}; matched as plain string
     * prefixes, blank entries ignored).
     */
    public Hessian2Serialization(Collection<String> extraAllowedPrefixes) {
        this(extraAllowedPrefixes, DecodeLimits.DEFAULTS);
    }

    /**
     * As {@link #Hessian2Serialization(Collection)}, with every read bounded by {@code limits}
     * (values, depth, entries per collection).
     */
    public Hessian2Serialization(Collection<String> extraAllowedPrefixes, DecodeLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        ClassAllowList allowList = ClassAllowList.of(List.copyOf(extraAllowedPrefixes));
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Hessian2Serialization.class.getClassLoader();
        }
        this.factory = new AllowListSerializerFactory(allowList, loader);
    }

    /**
     * Admits the package of {@code serviceInterface} (and its subpackages: the prefix {@code
     * pkg.}) from now on. Call when a service is exported or referenced; safe at any time and from
     * any thread. JDK packages ({@code java.}, {@code javax.}, {@code jdk.}) are governed by the
     * built-in list only and are not admitted wholesale; deny-listed packages stay refused.
     *
     * @throws IllegalArgumentException if the interface is in the unnamed package
     */
    public void allowPackageOf(Class<?> serviceInterface) {
        String packageName = serviceInterface.getPackageName();
        if (packageName.isEmpty()) {
            throw new IllegalArgumentException(
                    serviceInterface.getName() + " is in the unnamed package; move it to a package");
        }
        if (packageName.startsWith("java.") || packageName.startsWith("javax.")
                || packageName.startsWith("jdk.")) {
            return;
        }
        factory.admit(packageName + ".");
    }

    /**
     * Admits the application classes {@code serviceInterface} can carry from now on: the parameter,
     * return and exception types of its methods and, transitively, their generic type arguments,
     * array components, record components, fields, superclasses and permitted subclasses (see
     * {@code ReachableTypes}). Other classes of the interface's package stay refused. Call when a
     * service is exported or referenced; safe at any time and from any thread. Deny-listed classes
     * stay refused.
     */
    public void allowTypesOf(Class<?> serviceInterface) {
        Set<String> reachable = ReachableTypes.of(serviceInterface);
        reachable.removeIf(ClassAllowList::isDenied);
        factory.admitClasses(reachable);
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public String name() {
        return "hessian2";
    }

    /**
     * Writes {@code value} (may be null) as one Hessian 2 value and flushes {@code out}.
     *
     * @throws SerializationException if hessian-lite cannot encode the value
     * @throws IOException if {@code out} fails
     */
    @Override
    public void write(Object value, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        Hessian2Output output = outputs.get();
        output.init(out);
        try {
            output.writeObject(value);
            output.flush();
            output.free(); // forgets the stream and the back-references (the only map clearing)
        } catch (IOException | RuntimeException e) {
            outputs.remove();
            if (e instanceof HessianProtocolException || e instanceof RuntimeException) {
                throw new SerializationException("cannot encode "
                        + (value == null ? "null" : value.getClass().getName())
                        + " as Hessian 2: " + e, e);
            }
            throw e;
        }
    }

    /**
     * Reads one Hessian 2 value (may be null). The input may be read ahead past the value.
     *
     * <p>Arrays and object definitions may announce no more elements than {@code in.available()}
     * bytes at the start of the read (at least 65536): hessian-lite allocates them before reading.
     * Streams whose {@code available()} under-reports may therefore be refused for very large
     * arrays; frame bodies and in-memory streams report it exactly.
     *
     * <p>The read is bounded by the {@link DecodeLimits} (values including back-references, depth,
     * entries per collection), and a map key or set element may not be a collection, map or array.
     *
     * @throws SerializationException if the input is malformed, truncated (ends before the value
     *     does), announces more elements than it can hold, exceeds a decode limit (the message
     *     names the limit's property), has a collection, map or array as a map key or set element,
     *     nests too deeply, or names a class the allow-list refuses
     */
    @Override
    public Object read(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        Reader reader = readers.get();
        Hessian2Input input = reader.input();
        DecodeBudget.current().reset(availableBytes(in), limits);
        reader.stream().attach(in);
        input.init(reader.stream());
        Object value;
        try {
            value = input.readObject();
        } catch (IOException | RuntimeException | StackOverflowError e) {
            readers.remove(); // buffer, chunk and reference state of a failed read is not trusted
            throw toSerializationException(e);
        }
        try {
            input.resetBuffer();
        } catch (IllegalStateException readAhead) {
            // bytes after the value were buffered; resetBuffer has already dropped them
        }
        input.init(null); // clears references and class definitions
        reader.stream().detach();
        return value;
    }

    @Override
    public String toString() {
        return "Hessian2Serialization{" + factory.allowList() + "}";
    }

    private static int availableBytes(InputStream in) {
        try {
            return in.available();
        } catch (IOException e) {
            return 0;
        }
    }

    private static SerializationException toSerializationException(Throwable failure) {
        if (failure instanceof SerializationException se) {
            return se;
        }
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++) {
            if (cause instanceof RefusedInputException refused) {
                return new SerializationException(refused.getMessage(), failure);
            }
            cause = cause.getCause();
        }
        if (failure instanceof StackOverflowError) {
            return new SerializationException("Hessian 2 input nests too deeply", null);
        }
        return new SerializationException("malformed Hessian 2 input: " + failure, failure);
    }

    private Reader newReader() {
        Hessian2Input input = new BulkStringHessian2Input();
        input.setSerializerFactory(factory);
        return new Reader(input, new EndCheckingInputStream());
    }

    /** One thread's reusable decoder and the stream adapter it reads through. */
    private record Reader(Hessian2Input input, EndCheckingInputStream stream) {
    }

    private Hessian2Output newOutput() {
        Hessian2Output output = new BulkStringHessian2Output();
        output.setSerializerFactory(factory);
        return output;
    }
}
