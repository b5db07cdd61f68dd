package io.weft.internal.serialization;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Turns end-of-stream into an {@link EOFException}. hessian-lite treats the {@code -1} of an
 * exhausted stream as a data byte, so a truncated string decodes padded with {@code U+FFFF} and a
 * truncated long or double decodes as a wrong number; behind this stream truncation fails instead.
 * Hessian only reads bytes the value still needs, so a complete value never reaches the end.
 *
 * <p>Reused by one thread: {@link #attach} before a read, {@link #detach} after.
 */
final class EndCheckingInputStream extends InputStream {

    private InputStream delegate;

    void attach(InputStream in) {
        this.delegate = in;
    }

    void detach() {
        this.delegate = null;
    }

    @Override
    public int read() throws IOException {
        int b = delegate.read();
        if (b < 0) {
            throw truncated();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n = delegate.read(buffer, offset, length);
        if (n < 0) {
            throw truncated();
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return delegate.available();
    }

    private static EOFException truncated() {
        return new EOFException("Hessian 2 input ends in the middle of a value");
    }
}
