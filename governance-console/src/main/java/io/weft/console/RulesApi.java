package io.weft.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.weft.rule.RuleError;
import io.weft.rule.RuleKind;
import io.weft.rules.RuleCodec;
import io.weft.spi.Registry;
import io.weft.spi.RevisionConflictException;
import io.weft.spi.RuleValue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule endpoints: read with an {@code ETag} (the revision, quoted), write and delete as
 * compare-and-set on {@code If-Match}, validation with {@link RuleCodec} (the instances' validator),
 * and an audit entry in the registry for every change. A write that fails validation or loses the
 * race changes nothing.
 *
 * <p>A change and its audit entry stand or fall together. The rule is written first (compare-and-set,
 * which yields the revision the entry records), then the entry; when the entry cannot be written the
 * rule is set back with compare-and-set on the revision just written (deleted again, or the previous
 * JSON restored) and the call answers 500 naming the cause. If even that fails (the registry is gone,
 * or someone changed the rule in between) the answer says so and the error is logged.
 */
final class RulesApi {
    private static final Logger log = LoggerFactory.getLogger(RulesApi.class);
    private static final Pattern ETAG = Pattern.compile("^(?:W/)?\"?(\\d{1,18})\"?$");

    private final Registry registry;
    private final ObjectMapper json;
    private final Clock clock;

    RulesApi(Registry registry, ObjectMapper json, Clock clock) {
        this.registry = registry;
        this.json = json;
        this.clock = clock;
    }

    static RuleKind kind(Context ctx) {
        String kind = ctx.pathParam("kind");
        return RuleKind.fromKey(kind).orElseThrow(() -> new ApiError(404,
                "unknown rule kind '" + kind + "'; expected routing, throttling, faults or security"));
    }

    void get(Context ctx) {
        String service = ctx.pathParam("service");
        RuleKind kind = kind(ctx);
        RuleValue value = registry.getRule(service, kind.key())
                .orElseThrow(() -> new ApiError(404, "no " + kind.key() + " rule for " + service));
        ctx.header("ETag", etag(value.revision()));
        ctx.json(Map.of("service", service, "kind", kind.key(), "revision", value.revision(), "json", value.json(),
                "warnings", RuleWarnings.of(kind, value.json())));
    }

    void validate(Context ctx) {
        RuleKind kind = kind(ctx);
        List<RuleError> errors = RuleCodec.validate(kind, ctx.body());
        ctx.json(Map.of("valid", errors.isEmpty(), "errors", errors,
                "warnings", errors.isEmpty() ? RuleWarnings.of(kind, ctx.body()) : List.of()));
    }

    void put(Context ctx) {
        String service = ctx.pathParam("service");
        RuleKind kind = kind(ctx);
        String body = ctx.body();
        List<RuleError> errors = RuleCodec.validate(kind, body);
        if (!errors.isEmpty()) {
            throw new ApiError(400, "invalid " + kind.key() + " rule", errors);
        }
        Optional<RuleValue> before = registry.getRule(service, kind.key());
        long expected = expectedRevision(ctx, before);
        long revision;
        try {
            revision = registry.putRule(service, kind.key(), body, expected);
        } catch (RevisionConflictException e) {
            throw conflict(e);
        }
        Optional<RuleValue> replaced = before.filter(b -> b.revision() == expected);
        auditOrUndo(ctx, service, kind, "put", replaced, expected, body, revision);
        ctx.status(expected == 0 ? 201 : 200);
        ctx.header("ETag", etag(revision));
        ctx.json(Map.of("service", service, "kind", kind.key(), "revision", revision,
                "warnings", RuleWarnings.of(kind, body)));
    }

    void delete(Context ctx) {
        String service = ctx.pathParam("service");
        RuleKind kind = kind(ctx);
        Optional<RuleValue> before = registry.getRule(service, kind.key());
        if (before.isEmpty()) {
            throw new ApiError(404, "no " + kind.key() + " rule for " + service);
        }
        long expected = expectedRevision(ctx, before);
        try {
            registry.deleteRule(service, kind.key(), expected);
        } catch (RevisionConflictException e) {
            throw conflict(e);
        }
        auditOrUndo(ctx, service, kind, "delete", before.filter(b -> b.revision() == expected), expected, null, 0);
        ctx.status(204);
    }

    void auditLog(Context ctx) {
        int limit = ctx.queryParamAsClass("limit", Integer.class).check(l -> l >= 0 && l <= 1000, "0..1000")
                .getOrDefault(100);
        List<JsonNode> entries = new ArrayList<>();
        for (String entry : registry.audit(limit)) {
            try {
                entries.add(json.readTree(entry));
            } catch (JsonProcessingException e) {
                log.warn("skipping an audit entry that is not JSON: {}", e.getOriginalMessage());
            }
        }
        ctx.json(Map.of("entries", entries));
    }

    /**
     * The revision the write expects: {@code If-Match}'s, or 0 (create) when the key is absent and no
     * {@code If-Match} was sent. Changing an existing rule without {@code If-Match} is 428.
     */
    private static long expectedRevision(Context ctx, Optional<RuleValue> current) {
        String ifMatch = ctx.header("If-Match");
        if (ifMatch == null || ifMatch.isBlank()) {
            if (current.isPresent()) {
                throw new ApiError(428, "the rule exists (revision " + current.get().revision()
                        + "): send If-Match with the revision you read (its ETag)");
            }
            return 0;
        }
        Matcher m = ETAG.matcher(ifMatch.trim());
        if (!m.matches()) {
            throw new ApiError(400, "If-Match must be a revision ETag such as \"7\"");
        }
        return Long.parseLong(m.group(1));
    }

    private static ApiError conflict(RevisionConflictException e) {
        return new ApiError(412, "the rule changed meanwhile: expected "
                + (e.expectedRevision() == 0 ? "no rule" : "revision " + e.expectedRevision()) + ", found "
                + (e.currentRevision() == 0 ? "no rule" : "revision " + e.currentRevision())
                + "; read it again and reapply your change");
    }

    static String etag(long revision) {
        return "\"" + revision + "\"";
    }

    /**
     * Appends the audit entry of a change just made; when that fails, undoes the change and throws a 500
     * naming the cause.
     *
     * @param before the rule the change replaced, when known; {@code expected} 0 means there was none
     * @param afterRevision the revision the change wrote (0 for a delete)
     */
    private void auditOrUndo(Context ctx, String service, RuleKind kind, String action, Optional<RuleValue> before,
                             long expected, String after, long afterRevision) {
        ObjectNode entry = json.createObjectNode()
                .put("at", clock.millis())
                .put("user", "admin")
                .put("remote", ctx.ip())
                .put("service", service)
                .put("kind", kind.key())
                .put("action", action);
        before.ifPresentOrElse(b -> entry.put("beforeRevision", b.revision()).put("before", b.json()),
                () -> entry.putNull("beforeRevision").putNull("before"));
        if (after == null) {
            entry.putNull("afterRevision").putNull("after");
        } else {
            entry.put("afterRevision", afterRevision).put("after", after);
        }
        try {
            registry.appendAudit(json.writeValueAsString(entry));
        } catch (RuntimeException | JsonProcessingException e) {
            String cause = e.getMessage() == null ? e.toString() : e.getMessage();
            String change = kind.key() + " rule " + action + " of " + service;
            String undo = undo(service, kind, before, expected, after == null ? 0 : afterRevision);
            if (undo == null) {
                log.warn("{} undone: its audit entry could not be written: {}", change, cause);
                throw new ApiError(500, "the audit log could not be written, so the " + change
                        + " was undone (the rule is as before): " + cause);
            }
            log.error("{} done but NOT audited, and not undone ({}): {}", change, undo, cause);
            throw new ApiError(500, "the audit log could not be written (" + cause + ") and the " + change
                    + " could not be undone: " + undo + "; check the rule and the registry");
        }
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
