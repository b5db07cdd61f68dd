package io.weft.internal.testing;

import io.weft.internal.serialization.Hessian2Serialization;
import io.weft.spi.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hessian 2 that counts the values it writes and reads, and refuses writes (with an {@link IOException})
 * while {@link #failWrites} is set: for tests of how much of a path ran, or of a path whose encoding fails.
 */
public final class CountingSerialization implements Serialization {
    private final Serialization hessian = new Hessian2Serialization(List.of());
    /** Values written (refused writes included). */
    public final AtomicInteger writes = new AtomicInteger();
    /** Values read. */
    public final AtomicInteger reads = new AtomicInteger();
    /** While true, every write fails. */
    public final AtomicBoolean failWrites = new AtomicBoolean();

    @Override
    public int id() {
        return hessian.id();
    }

    @Override
    public String name() {
        return hessian.name();
    }

    @Override
    public void write(Object value, OutputStream out) throws IOException {
        writes.incrementAndGet();
        if (failWrites.get()) {
            throw new IOException("writes refused by the test");
        }
        hessian.write(value, out);
    }

    @Override
    public Object read(InputStream in) throws IOException {
        reads.incrementAndGet();
        return hessian.read(in);
    }
}
