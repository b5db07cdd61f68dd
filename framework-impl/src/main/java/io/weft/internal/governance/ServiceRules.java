package io.weft.internal.governance;

import io.weft.rule.Rule;
import io.weft.rule.RuleKind;
import io.weft.rule.RuleValidationException;
import io.weft.rules.RuleCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live rules of one service: watches its four rule keys, validates each change with
 * {@link RuleCodec}, and swaps in a new {@link RuleSnapshot}. An invalid value is logged once and
 * never applied; the last good rule stays in force. Readers call {@link #current()} — one volatile
 * read, no locks.
 */
public final class ServiceRules implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceRules.class);

    private final String service;
    private final AtomicReference<RuleSnapshot> current = new AtomicReference<>(RuleSnapshot.EMPTY);
    private final List<AutoCloseable> watches = new ArrayList<>();
    private final Runnable onChange;

    ServiceRules(String service, RuleSource source, Runnable onChange) {
        this.service = service;
        this.onChange = onChange;
        for (RuleKind kind : RuleKind.values()) {
            watches.add(source.watch(service, kind.key(), value -> update(kind, value)));
        }
    }

    public String service() {
        return service;
    }

    /** The snapshot in force now. */
    public RuleSnapshot current() {
        return current.get();
    }

    private synchronized void update(RuleKind kind, Optional<RuleSource.RawRule> value) {
        RuleSnapshot before = current.get();
        RuleSnapshot after;
        if (value.isEmpty()) {
            if (!before.revisions().containsKey(kind.key()) && !before.errors().containsKey(kind.key())) {
                return;
            }
            after = before.without(kind);
            log.info("{} rule of {} removed", kind.key(), service);
        } else {
            RuleSource.RawRule raw = value.get();
            try {
                Rule rule = RuleCodec.parse(kind, raw.json());
                after = before.with(rule, raw.revision());
                log.info("{} rule of {} applied at revision {}", kind.key(), service, raw.revision());
            } catch (RuleValidationException e) {
                String error = "revision " + raw.revision() + ": " + e.getMessage();
                if (error.equals(before.errors().get(kind.key()))) {
                    return;
                }
                log.warn("refusing {} rule of {} at revision {}; keeping the last good one: {}", kind.key(), service,
                        raw.revision(), e.getMessage());
                after = before.withError(kind, error);
            }
        }
        current.set(after);
        onChange.run();
    }

    @Override
    public void close() {
        for (AutoCloseable w : watches) {
            try {
                w.close();
            } catch (Exception e) {
                log.debug("closing a rule watch of {} failed: {}", service, e.toString());
            }
        }
    }
}
