package io.weft.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.rule.RuleKind;
import io.weft.spi.Registry;
import io.weft.spi.RevisionConflictException;
import io.weft.spi.RuleValue;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every rule change an operator makes, from the console or the {@code weft} command: validated with
 * {@link RuleCodec} (nothing is written when it fails), written with compare-and-set on the revision the
 * author read, and recorded in the registry's audit log ({@code /{ns}/audit/…}, DESIGN §5).
 *
 * <p>A change and its audit entry stand or fall together. The rule is written first (compare-and-set,
 * which yields the revision the entry records), then the entry; when the entry cannot be written the
 * rule is set back with compare-and-set on the revision just written (deleted again, or the previous
 * JSON restored) and {@link AuditFailedException} says whether that undo worked. Thread-safe; every
 * method blocks on the registry.
 *
 * <p>An audit entry: {@code {"at", "user", "remote", "via", "service", "kind", "action",
 * "beforeRevision", "before", "afterRevision", "after"}} ({@code before}/{@code after}: the rule JSON,
 * {@code null} for none; {@code action}: {@code put}, {@code delete} or {@code rollback}; a rollback also
 * names the entry it undid in {@code rollbackOf}).
 */
public final class RuleWriter {
    private static final Logger log = LoggerFactory.getLogger(RuleWriter.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Registry registry;
    private final Clock clock;

    public RuleWriter(Registry registry, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Who makes a change, as the audit entry records it.
     *
     * @param user the person (console login, the OS user or {@code --user} of the command line)
     * @param remote where from (client IP, host name), or {@code null}
     * @param via the tool: {@code console} or {@code cli}
     */
    public record Author(String user, String remote, String via) {
        public Author {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(via, "via");
        }
    }

    /** The audit entry of a change could not be written; {@link #undone()} says whether the change was undone. */
    public static final class AuditFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean undone;

        AuditFailedException(String message, boolean undone, Throwable cause) {
            super(message, cause);
            this.undone = undone;
        }

        /** True: the rule is as it was before the change; false: the change stands, unaudited. */
        public boolean undone() {
            return undone;
        }
    }

    /**
     * Validates {@code json} and writes it if the key's revision is {@code expectedRevision}.
     *
     * @param expectedRevision the revision the author read; {@code 0}: the rule must not exist yet
     * @return the rule's new revision
     * @throws io.weft.rule.RuleValidationException when {@code json} is not a valid rule (nothing written)
     * @throws RevisionConflictException when the rule is not at {@code expectedRevision}
     * @throws AuditFailedException when the audit entry could not be written
     */
    public long put(String service, RuleKind kind, String json, long expectedRevision, Author author) {
        RuleCodec.parse(kind, json); // throws with every error and its field path; nothing written
        return write(service, kind, json, current(service, kind), expectedRevision, author, "put", null);
    }

    /**
     * Deletes the rule if its revision is {@code expectedRevision}.
     *
     * @return {@code false} when there is no rule (nothing written, nothing audited)
     * @throws RevisionConflictException when the rule is at another revision
     * @throws AuditFailedException when the audit entry could not be written
     */
    public boolean delete(String service, RuleKind kind, long expectedRevision, Author author) {
        Optional<RuleValue> current = current(service, kind);
        if (current.isEmpty()) {
            return false;
        }
        write(service, kind, null, current, expectedRevision, author, "delete", null);
        return true;
    }

    /**
     * Sets the rule back to what it was before {@code entry}: its {@code before} JSON written again, or
     * the rule deleted when it had none, with compare-and-set on {@code expectedRevision} (0: absent).
     *
     * @return the rule's new revision, 0 when the result is "no rule"
     * @throws IllegalArgumentException when {@code entry} is not about {@code service}'s {@code kind} rule
     */
    public long rollback(String service, RuleKind kind, AuditHistory.Entry entry, long expectedRevision,
                         Author author) {
        if (entry.kind() == null) {
            throw new IllegalArgumentException("audit entry " + entry.id() + " is not a rule change ("
                    + entry.action() + ")");
        }
        if (!service.equals(entry.service()) || !kind.key().equals(entry.kind())) {
            throw new IllegalArgumentException("audit entry " + entry.id() + " is about the " + entry.kind()
                    + " rule of " + entry.service() + ", not the " + kind.key() + " rule of " + service);
        }
        if (entry.before() != null) {
            RuleCodec.parse(kind, entry.before()); // an entry may be older than a validation rule
        }
        Optional<RuleValue> current = current(service, kind);
        if (entry.before() == null && current.isEmpty() && expectedRevision == 0) {
            return 0; // already as before: no rule
        }
        return write(service, kind, entry.before(), current, expectedRevision, author, "rollback", entry.id());
    }

    private Optional<RuleValue> current(String service, RuleKind kind) {
        return registry.getRule(service, kind.key());
    }

    /**
     * Writes validated {@code json} ({@code null}: deletes) with compare-and-set, audits, undoes on audit
     * failure. {@code current}: the rule read just before, the entry's {@code before} when its revision is
     * the one expected.
     */
    private long write(String service, RuleKind kind, String json, Optional<RuleValue> current, long expectedRevision,
                       Author author, String action, String rollbackOf) {
        long written;
        if (json == null) {
            registry.deleteRule(service, kind.key(), expectedRevision);
            written = 0;
        } else {
            written = registry.putRule(service, kind.key(), json, expectedRevision);
        }
        Optional<RuleValue> before = current.filter(c -> c.revision() == expectedRevision);
        ObjectNode entry = JSON.createObjectNode()
                .put("at", clock.millis())
                .put("user", author.user())
                .put("remote", author.remote())
                .put("via", author.via())
                .put("service", service)
                .put("kind", kind.key())
                .put("action", action);
        before.ifPresentOrElse(b -> entry.put("beforeRevision", b.revision()).put("before", b.json()),
                () -> entry.putNull("beforeRevision").putNull("before"));
        if (json == null) {
            entry.putNull("afterRevision").putNull("after");
        } else {
            entry.put("afterRevision", written).put("after", json);
        }
        if (rollbackOf != null) {
            entry.put("rollbackOf", rollbackOf);
        }
        try {
            registry.appendAudit(JSON.writeValueAsString(entry));
        } catch (RuntimeException | JsonProcessingException e) {
            throw auditFailed(service, kind, action, before, expectedRevision, written, json == null, e);
        }
        return written;
    }

    private AuditFailedException auditFailed(String service, RuleKind kind, String action,
                                             Optional<RuleValue> before, long expected, long written,
                                             boolean deleted, Exception e) {
        String cause = e.getMessage() == null ? e.toString() : e.getMessage();
        String change = kind.key() + " rule " + action + " of " + service;
        String undo = undo(service, kind, before, expected, deleted ? 0 : written);
        if (undo == null) {
            log.warn("{} undone: its audit entry could not be written: {}", change, cause);
            return new AuditFailedException("the audit log could not be written, so the " + change
                    + " was undone (the rule is as before): " + cause, true, e);
        }
        log.error("{} done but NOT audited, and not undone ({}): {}", change, undo, cause);
        return new AuditFailedException("the audit log could not be written (" + cause + ") and the " + change
                + " could not be undone: " + undo + "; check the rule and the registry", false, e);
    }

    /** Sets the rule back as it was before a change; null when done, else why not. */
    private String undo(String service, RuleKind kind, Optional<RuleValue> before, long expected, long written) {
        try {
            if (written == 0) { // a delete: create the rule again
                if (before.isEmpty()) {
                    return "its previous value is unknown";
                }
                registry.putRule(service, kind.key(), before.get().json(), 0);
            } else if (expected == 0) { // a create: delete it again
                registry.deleteRule(service, kind.key(), written);
            } else if (before.isPresent()) {
                registry.putRule(service, kind.key(), before.get().json(), written);
            } else {
                return "its previous value is unknown";
            }
            return null;
        } catch (RevisionConflictException e) {
            return "the rule changed again meanwhile";
        } catch (RuntimeException e) {
            return e.toString();
        }
    }
}
