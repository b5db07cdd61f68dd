package io.weft.internal.governance;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A {@link RuleSource} the test writes to, standing in for the registry's rule keys: every
 * {@link #put} gets a new revision and reaches the watchers before it returns.
 */
public final class FakeRuleSource implements RuleSource {
    private final AtomicLong revisions = new AtomicLong();
    private final Map<String, Optional<RawRule>> values = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<Optional<RawRule>>>> watchers = new ConcurrentHashMap<>();

    @Override
    public synchronized AutoCloseable watch(String service, String kind, Consumer<Optional<RawRule>> listener) {
        String key = service + "/" + kind;
        watchers.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(listener);
        listener.accept(values.getOrDefault(key, Optional.empty()));
        return () -> watchers.get(key).remove(listener);
    }

    /** Writes rule JSON (valid or not) at {@code /rules/{service}/{kind}}; returns its revision. */
    public synchronized long put(String service, String kind, String json) {
        long revision = revisions.incrementAndGet();
        set(service, kind, Optional.of(new RawRule(json, revision)));
        return revision;
    }

    /** Deletes the rule key. */
    public synchronized void remove(String service, String kind) {
        set(service, kind, Optional.empty());
    }

    /** Same as {@link #remove}. */
    public void delete(String service, String kind) {
        remove(service, kind);
    }

    private void set(String service, String kind, Optional<RawRule> value) {
        String key = service + "/" + kind;
        values.put(key, value);
        watchers.getOrDefault(key, List.of()).forEach(l -> l.accept(value));
    }
}
