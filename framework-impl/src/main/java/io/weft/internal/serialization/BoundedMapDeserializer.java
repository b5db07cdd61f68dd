package io.weft.internal.serialization;

import com.alibaba.com.caucho.hessian.io.AbstractHessianInput;
import com.alibaba.com.caucho.hessian.io.Deserializer;
import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import com.alibaba.com.caucho.hessian.io.MapDeserializer;
import com.alibaba.com.caucho.hessian.io.SerializerFactory;
import java.io.IOException;
import java.util.Map;

/**
 * hessian-lite's map deserializer, except that each key is checked before it is hashed into the
 * map ({@link DecodeBudget#checkKey}: no collection, map or array keys) and the entries are
 * counted against {@link DecodeLimits#maxCollectionSize()}. Thread-safe.
 */
final class BoundedMapDeserializer extends MapDeserializer {

    BoundedMapDeserializer(Class<?> type) {
        super(type);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected void doReadMap(AbstractHessianInput in, Map map, Class<?> keyType, Class<?> valueType)
            throws IOException {
        SerializerFactory factory = ((Hessian2Input) in).getSerializerFactory();
        Deserializer keys = keyType == null ? null : factory.getDeserializer(keyType.getName());
        Deserializer values = valueType == null ? null : factory.getDeserializer(valueType.getName());
        DecodeBudget budget = DecodeBudget.current();
        int entries = 0;
        while (!in.isEnd()) {
            budget.checkEntries(++entries, "map entries");
            Object key = keys == null ? in.readObject() : keys.readObject(in);
            DecodeBudget.checkKey(key, "map key");
            Object value = values == null ? in.readObject() : values.readObject(in);
            map.put(key, value);
        }
    }
}
