package io.weft.internal.observe;

import java.io.IOException;

/** Where the access-log writer thread puts finished lines: a file of its own or the SLF4J logger. */
interface AccessLogSink {
    /** One line, without its line break; the builder is reused after the call returns. */
    void write(StringBuilder line) throws IOException;

    /** Writes out what is buffered. */
    void flush() throws IOException;

    /** Flushes and releases the sink. */
    void close() throws IOException;
}
