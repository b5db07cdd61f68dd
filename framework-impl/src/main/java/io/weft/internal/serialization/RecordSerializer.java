package io.weft.internal.serialization;

import com.alibaba.com.caucho.hessian.io.AbstractHessianOutput;
import com.alibaba.com.caucho.hessian.io.Serializer;
import java.io.IOException;

/**
 * Writes a record as a standard Hessian 2 object: on first use in a stream a class definition
 * ({@code C}, the class name, the component count and names in declaration order), then for every
 * instance {@code O} (or the compact {@code 0x60}+n form) followed by the component values. The
 * bytes are those hessian-lite's own {@code RecordSerializer} writes; the difference is speed:
 * component values come from accessor method handles rather than {@code Method.invoke}.
 *
 * <p>Shared references and cycles use Hessian back-references ({@code Q}), like any object.
 * Thread-safe.
 */
final class RecordSerializer implements Serializer {

    private final RecordShape shape;
    private final String className;

    RecordSerializer(RecordShape shape) {
        this.shape = shape;
        this.className = shape.type().getName();
    }

    @Override
    public void writeObject(Object record, AbstractHessianOutput out) throws IOException {
        if (out.addRef(record)) {
            return;
        }
        int size = shape.size();
        if (out.writeObjectBegin(className) == -1) {
            out.writeClassFieldLength(size);
            for (int i = 0; i < size; i++) {
                out.writeString(shape.name(i));
            }
            out.writeObjectBegin(className);
        }
        for (int i = 0; i < size; i++) {
            out.writeObject(shape.get(record, i));
        }
    }
}
