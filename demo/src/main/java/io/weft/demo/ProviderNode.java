package io.weft.demo;

import io.weft.ExportOptions;
import io.weft.Exported;
import io.weft.Weft;
import io.weft.WeftConfig;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One provider of {@link Greeter}: its own {@link Weft} instance with one export. Closing it
 * shuts that Weft down gracefully (unregister, GOAWAY, drain). Thread-safe; close is idempotent.
 */
final class ProviderNode implements AutoCloseable {
    private final GreeterImpl greeter;
    private final Weft weft;
    private final Exported exported;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ProviderNode(GreeterImpl greeter, Weft weft, Exported exported) {
        this.greeter = greeter;
        this.weft = weft;
        this.exported = exported;
    }

    /** The admin endpoint ({@code -Dweft.admin.port=…}: /health, /ready, /metrics), if on. */
    java.util.Optional<java.net.InetSocketAddress> adminAddress() {
        return weft.adminAddress();
    }

    /** Starts a Weft with {@code config} and exports a greeter labelled {@code label} with {@code tags}. */
    static ProviderNode start(WeftConfig config, String label, Map<String, String> tags, Consumer<String> eventLog) {
        GreeterImpl greeter = new GreeterImpl(label, eventLog);
        ExportOptions.Builder options = ExportOptions.builder().tag(Labels.LABEL_TAG, label);
        tags.forEach(options::tag);
        Weft weft = Weft.create(config);
        try {
            Exported exported = weft.export(Greeter.class, greeter, options.build());
            return new ProviderNode(greeter, weft, exported);
        } catch (RuntimeException e) {
            weft.close();
            throw e;
        }
    }

    String label() {
        return greeter.label();
    }

    GreeterImpl greeter() {
        return greeter;
    }

    /** {@code host:port} as registered. */
    String address() {
        return exported.instance().address();
    }

    /** The tags as registered, without the label tag, e.g. {@code env=canary}. */
    String tagsText() {
        StringBuilder sb = new StringBuilder();
        exported.instance().tags().entrySet().stream()
                .filter(e -> !e.getKey().equals(Labels.LABEL_TAG))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(sb.length() == 0 ? "" : ",").append(e.getKey()).append('=').append(e.getValue()));
        return sb.length() == 0 ? "(no tags)" : sb.toString();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            weft.close();
        }
    }
}
