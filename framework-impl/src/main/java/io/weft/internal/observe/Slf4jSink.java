package io.weft.internal.observe;

import org.slf4j.Logger;

/** Hands each line to the logger {@code weft.access} at INFO, from the access-log writer thread. */
final class Slf4jSink implements AccessLogSink {
    private final Logger log;

    Slf4jSink(Logger log) {
        this.log = log;
    }

    @Override
    public void write(StringBuilder line) {
        log.info(line.toString());
    }

    @Override
    public void flush() {
        // the logging backend decides
    }

    @Override
    public void close() {
        // the logging backend's, not ours
    }
}
