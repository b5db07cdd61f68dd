package io.weft.internal.serialization;

import com.alibaba.com.caucho.hessian.io.AbstractDeserializer;
import com.alibaba.com.caucho.hessian.io.AbstractHessianInput;
import java.io.IOException;

/**
 * Reads a record from a Hessian 2 object (or a typed map) by component name, through the
 * canonical constructor.
 *
 * <p>Tolerates class evolution the way Java's record deserialization does: a field the stream has
 * but this version of the record lacks is read and dropped; a component the stream lacks gets its
 * default (null, 0, false). Field names are matched once per class definition in the stream, not
 * per instance.
 *
 * <p>Unlike hessian-lite 4.0.3's {@code RecordDeserializer}, which registers the record as a
 * back-reference target only after reading its components (so every later back-reference in the
 * stream resolves to the wrong object once records nest), this reserves the reference slot
 * first, in the order the writer numbered it. A back-reference to a record from inside its own
 * components (possible only through a mutable collection) reads as null: the record does not
 * exist until its components do. Thread-safe.
 */
final class RecordDeserializer extends AbstractDeserializer {

    /** The field-table entry of a stream field this record version does not have. */
    private static final Integer SKIPPED = -1;

    private final RecordShape shape;

    RecordDeserializer(RecordShape shape) {
        this.shape = shape;
    }

    @Override
    public Class<?> getType() {
        return shape.type();
    }

    @Override
    public Object[] createFields(int length) {
        return new Integer[length];
    }

    @Override
    public Object createField(String name) {
        int index = shape.indexOf(name);
        return index < 0 ? SKIPPED : Integer.valueOf(index);
    }

    @Override
    public Object readObject(AbstractHessianInput in, Object[] fields) throws IOException {
        int ref = in.addRef(null);
        Object[] values = shape.defaults();
        for (Object field : fields) {
            readComponent(in, (Integer) field, values);
        }
        return finish(in, ref, values);
    }

    @Override
    public Object readObject(AbstractHessianInput in, String[] fieldNames) throws IOException {
        int ref = in.addRef(null);
        Object[] values = shape.defaults();
        for (String name : fieldNames) {
            readComponent(in, shape.indexOf(name), values);
        }
        return finish(in, ref, values);
    }

    @Override
    public Object readMap(AbstractHessianInput in) throws IOException {
        int ref = in.addRef(null);
        Object[] values = shape.defaults();
        while (!in.isEnd()) {
            Object key = in.readObject();
            readComponent(in, key instanceof String name ? shape.indexOf(name) : -1, values);
        }
        in.readMapEnd();
        return finish(in, ref, values);
    }

    private void readComponent(AbstractHessianInput in, int index, Object[] values)
            throws IOException {
        if (index < 0) {
            in.readObject();
        } else {
            values[index] = in.readObject(shape.type(index));
        }
    }

    private Object finish(AbstractHessianInput in, int ref, Object[] values) throws IOException {
        Object record;
        try {
            record = shape.construct(values);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        in.setRef(ref, record);
        return record;
    }
}
