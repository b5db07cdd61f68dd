package io.weft.internal.observe;

import io.weft.Status;
import io.weft.spi.CallListener;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log of DESIGN §10 ({@code weft.access-log=true}): one line per finished call on the
 * logger {@code weft.access}, at INFO —
 * {@code side service/method status duration_us peer app trace_id} — or, with
 * {@code weft.access-log.format=json}, one JSON object per line with those fields. The trace id is
 * the one in the call's {@code traceparent} metadata (W3C Trace Context), else {@code -}.
 */
public final class AccessLog implements CallListener {
    /** The logger's name (DESIGN §10). */
    public static final String LOGGER = io.weft.WeftKeys.ACCESS_LOG_LOGGER;
    static final String TRACEPARENT = "traceparent";

    private final Logger log;
    private final boolean json;

    public AccessLog(boolean json) {
        this(LoggerFactory.getLogger(LOGGER), json);
    }

    AccessLog(Logger log, boolean json) {
        this.log = log;
        this.json = json;
    }

    @Override
    public void callFinished(Side side, String service, String method, Status status, long durationNanos,
                             String peer, String callerApplication, Map<String, String> metadata) {
        if (!log.isInfoEnabled()) {
            return;
        }
        long micros = durationNanos / 1000;
        String traceId = traceId(metadata.get(TRACEPARENT));
        String app = callerApplication == null || callerApplication.isEmpty() ? "-" : callerApplication;
        log.info(json ? json(side, service, method, status, micros, peer, app, traceId)
                : text(side, service, method, status, micros, peer, app, traceId));
    }

    static String text(Side side, String service, String method, Status status, long micros, String peer,
                       String app, String traceId) {
        return new StringBuilder(128).append(side.label()).append(' ').append(service).append('/').append(method)
                .append(' ').append(status.name()).append(' ').append(micros).append(' ').append(peer).append(' ')
                .append(app).append(' ').append(traceId).toString();
    }

    static String json(Side side, String service, String method, Status status, long micros, String peer,
                       String app, String traceId) {
        StringBuilder b = new StringBuilder(192).append("{\"side\":\"").append(side.label()).append('"');
        field(b, "service", service);
        field(b, "method", method);
        field(b, "status", status.name());
        b.append(",\"duration_us\":").append(micros);
        field(b, "peer", peer);
        field(b, "app", app);
        field(b, "trace_id", traceId);
        return b.append('}').toString();
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
                        b.append(String.format("\\u%04x", (int) c));
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
    static String traceId(String traceparent) {
        if (traceparent == null || traceparent.length() < 55 || traceparent.charAt(2) != '-'
                || traceparent.charAt(35) != '-') {
            return "-";
        }
        for (int i = 3; i < 35; i++) {
            char c = traceparent.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return "-";
            }
        }
        return traceparent.substring(3, 35);
    }
}
