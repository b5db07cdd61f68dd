package io.weft.internal.serialization;

import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import io.weft.spi.Serialization;
import io.weft.spi.SerializationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;

/** TEMPORARY placeholder until the allow-listed implementation lands (branch hessian). */
public final class Hessian2Serialization implements Serialization {
    public Hessian2Serialization(Collection<String> extraAllowedPrefixes) {}

    public void allowPackageOf(Class<?> serviceInterface) {}

    @Override
    public int id() {
        return 1;
    }

    @Override
    public String name() {
        return "hessian2";
    }

    @Override
    public void write(Object value, OutputStream out) throws IOException {
        Hessian2Output h = new Hessian2Output(out);
        h.writeObject(value);
        h.flush();
    }

    @Override
    public Object read(InputStream in) throws IOException {
        try {
            return new Hessian2Input(in).readObject();
        } catch (RuntimeException e) {
            throw new SerializationException(e.getMessage(), e);
        }
    }
}
