package io.weft.registry.etcd;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.weft.registry.support.SnapshotPublisher;
import io.weft.spi.Registry;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one key or one key prefix and hands the listener an immutable view of it.
 *
 * <p>It reads the keys (noting the revision of that read), delivers the first view, then watches
 * from the next revision. Events at or below the last applied revision are skipped, so a resumed
 * stream never applies one twice. When the stream is cancelled (its revision was compacted, the
 * member lost its leader) or fails, the keys are read again and the watch resumes from that read:
 * nothing is missed, and the listener hears of the outcome only if the view changed. Reads that fail
 * are retried with backoff.
 *
 * <p>Everything — applying events, building views, calling the listener — runs on the registry's
 * watch thread, one call at a time; an exception from the listener is logged and the watch goes on.
 *
 * @param <V> one key's decoded value ({@code null} from the decoder: leave the key out)
 * @param <T> the view the listener receives
 */
final class EtcdWatch<V, T> implements Registry.Watch {
    private static final Logger log = LoggerFactory.getLogger(EtcdWatch.class);
    private static final long MIN_RETRY_MS = 100;
    private static final long MAX_RETRY_MS = 3000;

    private final EtcdRegistry registry;
    private final String key;
    private final boolean prefix;
    private final Function<KeyValue, V> decoder;
    private final Function<Collection<V>, T> view;
    private volatile boolean closed;

    // Watch thread only.
    private final Map<String, V> entries = new HashMap<>();
    private long revision;
    private int generation;
    private Watch.Watcher watcher;
    private final SnapshotPublisher<T> publisher;
    private long retryMs = MIN_RETRY_MS;

    EtcdWatch(EtcdRegistry registry, String key, boolean prefix, Function<KeyValue, V> decoder,
            Function<Collection<V>, T> view, Consumer<T> listener) {
        this(registry, key, prefix, decoder, view, listener, null);
    }

    /** @param shrinks when a view shrinks the last one (held until the watch settles); null: never */
    EtcdWatch(EtcdRegistry registry, String key, boolean prefix, Function<KeyValue, V> decoder,
            Function<Collection<V>, T> view, Consumer<T> listener, BiPredicate<? super T, ? super T> shrinks) {
        this.registry = registry;
        this.key = key;
        this.prefix = prefix;
        this.decoder = decoder;
        this.view = view;
        // Already on the watch thread: deliver in place, in order.
        this.publisher = new SnapshotPublisher<>(key, listener, Runnable::run, () -> closed, shrinks);
    }

    void start() {
        onWatchThread(this::read);
    }

    private void read() {
        if (closed) {
            return;
        }
        closeWatcher();
        int gen = ++generation;
        registry.kv().get(EtcdRegistry.bytes(key), GetOption.builder().isPrefix(prefix).build())
                .orTimeout(registry.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((response, error) -> {
                    if (closed || gen != generation) {
                        return;
                    }
                    if (error != null) {
                        retry("cannot read it: " + error);
                        return;
                    }
                    retryMs = MIN_RETRY_MS;
                    entries.clear();
                    for (KeyValue kv : response.getKvs()) {
                        V v = decoder.apply(kv);
                        if (v != null) {
                            entries.put(EtcdRegistry.string(kv.getKey()), v);
                        }
                    }
                    revision = response.getHeader().getRevision();
                    publish();
                    open(gen, revision + 1);
                }, EtcdRegistry.quietly(registry.watchThread()));
    }

    private void open(int gen, long fromRevision) {
        WatchOption option = WatchOption.builder().isPrefix(prefix).withRevision(fromRevision)
                .withRequireLeader(true).build();
        watcher = registry.client().getWatchClient().watch(EtcdRegistry.bytes(key), option, Watch.listener(
                response -> onWatchThread(() -> apply(gen, response)),
                error -> onWatchThread(() -> interrupted(gen, String.valueOf(error.getMessage()))),
                () -> onWatchThread(() -> interrupted(gen, "stream ended"))));
    }

    private void apply(int gen, WatchResponse response) {
        if (closed || gen != generation) {
            return;
        }
        long applied = revision;
        for (WatchEvent event : response.getEvents()) {
            KeyValue kv = event.getKeyValue();
            long modRevision = kv.getModRevision();
            if (modRevision <= applied) {
                continue; // replayed after a resume: applied already
            }
            String k = EtcdRegistry.string(kv.getKey());
            V v = event.getEventType() == WatchEvent.EventType.PUT ? decoder.apply(kv) : null;
            if (v == null) {
                entries.remove(k);
            } else {
                entries.put(k, v);
            }
            revision = Math.max(revision, modRevision);
        }
        publish();
    }

    private void interrupted(int gen, String why) {
        if (closed || gen != generation) {
            return;
        }
        retry("stream interrupted: " + why);
    }

    private void retry(String why) {
        publisher.resyncing();
        closeWatcher();
        generation++;
        log.info("watch on {} at etcd {}: {}; reading it again in {} ms", key, registry.address(), why, retryMs);
        EtcdRegistry.schedule(registry.watchThread(), this::read, retryMs);
        retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
    }

    /** Resumes the stream from {@code fromRevision}, keeping the view (tests: a compacted revision). */
    void rewind(long fromRevision) {
        onWatchThread(() -> {
            if (!closed) {
                closeWatcher();
                open(++generation, fromRevision);
            }
        });
    }

    private void publish() {
        publisher.publish(view.apply(entries.values()));
    }

    private void closeWatcher() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }

    private void onWatchThread(Runnable task) {
        EtcdRegistry.quietly(registry.watchThread()).execute(task);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        onWatchThread(this::closeWatcher);
        registry.removed(this);
    }

    @Override
    public String toString() {
        return "EtcdWatch[" + key + (prefix ? "*" : "") + "]";
    }
}
