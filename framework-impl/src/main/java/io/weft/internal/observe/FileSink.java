package io.weft.internal.observe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends UTF-8 lines to a file through one 64 KiB buffer that is written out when full or on
 * {@link #flush} (like Envoy's and nginx's buffered access logs): one {@code write} for hundreds of
 * lines. Every write holds whole lines, so two writers appending to the same file do not tear lines.
 * The writer thread only.
 */
final class FileSink implements AccessLogSink {
    static final int BUFFER_BYTES = 64 * 1024;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);

    FileSink(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    @Override
    public void write(StringBuilder line) throws IOException {
        int worst = line.length() * 3 + 1; // UTF-8: at most 3 bytes per char (a surrogate pair: 4 for 2)
        if (buffer.remaining() < worst) {
            flush();
            if (buffer.remaining() < worst) { // a line longer than the buffer
                writeFully(StandardCharsets.UTF_8.encode(line.append('\n').toString()));
                return;
            }
        }
        for (int i = 0, n = line.length(); i < n; i++) {
            char c = line.charAt(i);
            if (c < 0x80) {
                buffer.put((byte) c);
            } else if (c < 0x800) {
                buffer.put((byte) (0xc0 | c >> 6)).put((byte) (0x80 | c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(line.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, line.charAt(++i));
                buffer.put((byte) (0xf0 | cp >> 18)).put((byte) (0x80 | cp >> 12 & 0x3f))
                        .put((byte) (0x80 | cp >> 6 & 0x3f)).put((byte) (0x80 | cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                buffer.put((byte) '?'); // a lone surrogate, as String.getBytes(UTF_8) writes it
            } else {
                buffer.put((byte) (0xe0 | c >> 12)).put((byte) (0x80 | c >> 6 & 0x3f)).put((byte) (0x80 | c & 0x3f));
            }
        }
        buffer.put((byte) '\n');
    }

    @Override
    public void flush() throws IOException {
        if (buffer.position() > 0) {
            buffer.flip();
            try {
                writeFully(buffer);
            } finally {
                buffer.clear();
            }
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
