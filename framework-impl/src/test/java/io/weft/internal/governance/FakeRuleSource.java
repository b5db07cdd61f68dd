package io.weft.internal.governance;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** A rule source the test writes into directly; listeners are called on the writing thread. */
final class FakeRuleSource implements RuleSource {
    private final Map<String, Consumer<Optional<RawRule>>> listeners = new ConcurrentHashMap<>();
    private final Map<String, RawRule> values = new ConcurrentHashMap<>();
    private long revision;

    @Override
    public AutoCloseable watch(String service, String kind, Consumer<Optional<RawRule>> listener) {
        String key = service + "/" + kind;
        listeners.put(key, listener);
        listener.accept(Optional.ofNullable(values.get(key)));
        return () -> listeners.remove(key, listener);
    }

    synchronized long put(String service, String kind, String json) {
        String key = service + "/" + kind;
        RawRule raw = new RawRule(json, ++revision);
        values.put(key, raw);
        Consumer<Optional<RawRule>> l = listeners.get(key);
        if (l != null) {
            l.accept(Optional.of(raw));
        }
        return raw.revision();
    }

    synchronized void delete(String service, String kind) {
        String key = service + "/" + kind;
        values.remove(key);
        Consumer<Optional<RawRule>> l = listeners.get(key);
        if (l != null) {
            l.accept(Optional.empty());
        }
    }
}
