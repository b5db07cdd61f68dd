package io.weft.internal.serialization;

import com.alibaba.com.caucho.hessian.io.AbstractHessianInput;
import com.alibaba.com.caucho.hessian.io.Deserializer;
import java.io.IOException;

/**
 * Delegates to a list or object deserializer, first charging the {@link DecodeBudget} for what the
 * delegate pre-allocates: the announced length of a fixed-length list, and the field count of an
 * object definition. Thread-safe if the delegate is.
 */
final class BudgetedDeserializer implements Deserializer {

    private final Deserializer delegate;

    BudgetedDeserializer(Deserializer delegate) {
        this.delegate = delegate;
    }

    @Override
    public Object readLengthList(AbstractHessianInput in, int length) throws IOException {
        DecodeBudget.current().charge(length, "list elements");
        return delegate.readLengthList(in, length);
    }

    @Override
    public Object readLengthList(AbstractHessianInput in, int length, Class<?> expectType)
            throws IOException {
        DecodeBudget.current().charge(length, "list elements");
        return delegate.readLengthList(in, length, expectType);
    }

    @Override
    public Object[] createFields(int len) {
        DecodeBudget.current().charge(len, "object fields");
        return delegate.createFields(len);
    }

    @Override
    public Class<?> getType() {
        return delegate.getType();
    }

    @Override
    public boolean isReadResolve() {
        return delegate.isReadResolve();
    }

    @Override
    public Object readObject(AbstractHessianInput in) throws IOException {
        return delegate.readObject(in);
    }

    @Override
    public Object readList(AbstractHessianInput in, int length) throws IOException {
        return delegate.readList(in, length);
    }

    @Override
    public Object readList(AbstractHessianInput in, int length, Class<?> expectType)
            throws IOException {
        return delegate.readList(in, length, expectType);
    }

    @Override
    public Object readMap(AbstractHessianInput in) throws IOException {
        return delegate.readMap(in);
    }

    @Override
    public Object readMap(AbstractHessianInput in, Class<?> expectKeyType, Class<?> expectValueType)
            throws IOException {
        return delegate.readMap(in, expectKeyType, expectValueType);
    }

    @Override
    public Object createField(String name) {
        return delegate.createField(name);
    }

    @Override
    public Object readObject(AbstractHessianInput in, String[] fieldNames) throws IOException {
        return delegate.readObject(in, fieldNames);
    }

    @Override
    public Object readObject(AbstractHessianInput in, Object[] fields) throws IOException {
        return delegate.readObject(in, fields);
    }

    @Override
    public String toString() {
        return "Budgeted[" + delegate + "]";
    }
}
