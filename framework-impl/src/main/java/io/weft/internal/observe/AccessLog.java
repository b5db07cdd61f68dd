package io.weft.internal.observe;

import io.weft.Status;
import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import io.weft.WeftKeys;
import io.weft.spi.CallListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log of DESIGN §10 ({@code weft.access-log=true}): one line per finished call —
 * {@code side service/method status duration_us peer app trace_id} — or, with
 * {@code weft.access-log.format=json}, one JSON object per line with those fields. The trace id is
 * the one in the call's {@code traceparent} metadata (W3C Trace Context), else {@code -}.
 *
 * <p>The calling thread only decides whether the call is logged ({@code weft.access-log.sample}:
 * errors and calls of at least {@code weft.access-log.slow} always are) and copies the call's fields
 * into a slot of a bounded lock-free queue; a writer thread formats the lines and hands them to the
 * logger {@code weft.access} or, with {@code weft.access-log.file}, to Weft's own buffered file
 * writer. A full queue drops the line (counted, warned about), never the call's time. With
 * {@code weft.access-log.queue-size=0} the line is formatted and logged on the calling thread.
 */
public final class AccessLog implements CallListener, AutoCloseable {
    /** The logger's name (DESIGN §10). */
    public static final String LOGGER = WeftKeys.ACCESS_LOG_LOGGER;
    static final String TRACEPARENT = "traceparent";
    private static final long SAMPLE_SPACE = 1L << 56; // the 56 low bits of a trace id (W3C: random)
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Logger log;
    private final boolean json;
    private final boolean toLogger; // lines go to the logger: skip them while it is not at INFO
    private final long sampleBelow; // a call is sampled when its trace id's low 56 bits are below this
    private final long slowNanos;
    private final AccessLogWriter writer; // null: on the calling thread

    AccessLog(Logger log, boolean json, boolean toLogger, double sample, long slowNanos, AccessLogWriter writer) {
        this.log = log;
        this.json = json;
        this.toLogger = toLogger;
        this.sampleBelow = sample >= 1 ? SAMPLE_SPACE : (long) (sample * SAMPLE_SPACE);
        this.slowNanos = slowNanos;
        this.writer = writer;
    }

    /**
     * The access log {@code config} asks for, its writer thread started; null when
     * {@code weft.access-log} is off.
     *
     * @throws WeftConfigException when the file cannot be opened, or a file is combined with a queue size of 0
     */
    public static AccessLog create(WeftConfig config) {
        if (!config.get(WeftKeys.ACCESS_LOG)) {
            return null;
        }
        boolean json = "json".equals(config.get(WeftKeys.ACCESS_LOG_FORMAT));
        Path file = config.get(WeftKeys.ACCESS_LOG_FILE);
        int queueSize = config.get(WeftKeys.ACCESS_LOG_QUEUE_SIZE);
        double sample = config.get(WeftKeys.ACCESS_LOG_SAMPLE);
        long slowNanos = config.get(WeftKeys.ACCESS_LOG_SLOW).toNanos();
        long flushNanos = config.get(WeftKeys.ACCESS_LOG_FLUSH).toNanos();
        Logger logger = LoggerFactory.getLogger(LOGGER);
        if (queueSize == 0) {
            if (file != null) {
                throw new WeftConfigException(WeftKeys.ACCESS_LOG_QUEUE_SIZE.name() + "=0 writes on the calling thread,"
                        + " which only the logger " + LOGGER + " does; unset " + WeftKeys.ACCESS_LOG_FILE.name()
                        + " or give a queue size");
            }
            return new AccessLog(logger, json, true, sample, slowNanos, null);
        }
        AccessLogSink sink;
        if (file == null) {
            sink = new Slf4jSink(logger);
        } else {
            try {
                sink = new FileSink(file);
            } catch (IOException | RuntimeException e) {
                throw new WeftConfigException("cannot open " + WeftKeys.ACCESS_LOG_FILE.name() + " " + file
                        + " for appending: " + e);
            }
        }
        return new AccessLog(logger, json, file == null, sample, slowNanos,
                new AccessLogWriter(new AccessLogQueue(queueSize), sink, json, flushNanos));
    }

    @Override
    public void callFinished(Side side, String service, String method, Status status, long durationNanos,
                             String peer, String callerApplication, Map<String, String> metadata) {
        if (toLogger && !log.isInfoEnabled()) {
            return;
        }
        String traceparent = metadata.get(TRACEPARENT);
        if (sampleBelow < SAMPLE_SPACE && status == Status.OK && durationNanos < slowNanos
                && !sampled(traceparent, sampleBelow)) {
            return;
        }
        long micros = durationNanos / 1000;
        if (writer != null) {
            writer.offer(side, service, method, status, micros, peer, callerApplication, traceparent);
        } else {
            StringBuilder b = new StringBuilder(128);
            append(b, json, side, service, method, status, micros, peer, callerApplication, traceparent);
            log.info(b.toString());
        }
    }

    /**
     * Whether a call of this trace is in the sample: the trace id's low 56 bits (random in W3C trace
     * ids) below {@code below}, so the consumer, the provider and every downstream hop decide alike; a
     * call without a valid trace id draws a random number instead.
     */
    static boolean sampled(String traceparent, long below) {
        long bits = 0;
        if (traceparent != null && traceparent.length() >= 55 && traceparent.charAt(35) == '-') {
            for (int i = 21; i < 35; i++) {
                int d = Character.digit(traceparent.charAt(i), 16);
                if (d < 0) {
                    bits = -1;
                    break;
                }
                bits = bits << 4 | d;
            }
        } else {
            bits = -1;
        }
        if (bits < 0) {
            bits = ThreadLocalRandom.current().nextLong(SAMPLE_SPACE);
        }
        return bits < below;
    }

    /** Lines dropped because the writer's queue was full (0 on the calling thread). */
    long droppedLines() {
        return writer == null ? 0 : writer.droppedLines();
    }

    /** Writes and flushes every line of the calls finished so far; stops the writer thread. */
    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
    }

    /** Appends one line (without its line break). */
    static void append(StringBuilder b, boolean json, Side side, String service, String method, Status status,
                       long micros, String peer, String app, String traceparent) {
        String a = app == null || app.isEmpty() ? "-" : app;
        if (!json) {
            b.append(side.label()).append(' ').append(service).append('/').append(method).append(' ')
                    .append(status.name()).append(' ').append(micros).append(' ').append(peer).append(' ')
                    .append(a).append(' ');
            appendTraceId(b, traceparent);
            return;
        }
        b.append("{\"side\":\"").append(side.label()).append('"');
        field(b, "service", service);
        field(b, "method", method);
        field(b, "status", status.name());
        b.append(",\"duration_us\":").append(micros);
        field(b, "peer", peer);
        field(b, "app", a);
        b.append(",\"trace_id\":\"");
        appendTraceId(b, traceparent);
        b.append("\"}");
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append(",\"").append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /**
     * The trace id of a {@code traceparent} value ({@code 00-<32 hex>-<16 hex>-<2 hex>}), or {@code -}
     * when there is none or it is malformed (a caller's text never reaches the log unchecked).
     */
    static void appendTraceId(StringBuilder b, String traceparent) {
        if (traceparent == null || traceparent.length() < 55 || traceparent.charAt(2) != '-'
                || traceparent.charAt(35) != '-') {
            b.append('-');
            return;
        }
        for (int i = 3; i < 35; i++) {
            char c = traceparent.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                b.append('-');
                return;
            }
        }
        b.append(traceparent, 3, 35);
    }
}
