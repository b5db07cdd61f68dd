package io.weft.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.weft.rule.RuleError;
import io.weft.rule.RuleKind;
import io.weft.rule.RuleValidationException;
import io.weft.rules.AuditHistory;
import io.weft.rules.RuleCodec;
import io.weft.rules.RuleDiff;
import io.weft.rules.RuleWriter;
import io.weft.spi.Registry;
import io.weft.spi.RevisionConflictException;
import io.weft.spi.RuleValue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule endpoints: read with an {@code ETag} (the revision, quoted), write and delete as
 * compare-and-set on {@code If-Match}, validation with {@link RuleCodec} (the instances' validator).
 * Changes go through {@link RuleWriter}, shared with the {@code weft} command: validated, written with
 * compare-and-set and audited, or undone when the audit entry cannot be written (answered 500 naming the
 * cause). A write that fails validation or loses the race changes nothing.
 */
final class RulesApi {
    private static final Logger log = LoggerFactory.getLogger(RulesApi.class);
    private static final Pattern ETAG = Pattern.compile("^(?:W/)?\"?(\\d{1,18})\"?$");

    private final Registry registry;
    private final ObjectMapper json;
    private final RuleWriter writer;

    RulesApi(Registry registry, ObjectMapper json, Clock clock) {
        this.registry = registry;
        this.json = json;
        this.writer = new RuleWriter(registry, clock);
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
        long expected = expectedRevision(ctx);
        long revision;
        try {
            revision = writer.put(service, kind, body, expected, author(ctx));
        } catch (RuleValidationException e) {
            throw new ApiError(400, "invalid " + kind.key() + " rule", e.errors());
        } catch (RevisionConflictException e) {
            throw conflict(ctx, e);
        } catch (RuleWriter.AuditFailedException e) {
            throw new ApiError(500, e.getMessage());
        }
        ctx.status(expected == 0 ? 201 : 200);
        ctx.header("ETag", etag(revision));
        ctx.json(Map.of("service", service, "kind", kind.key(), "revision", revision,
                "warnings", RuleWarnings.of(kind, body)));
    }

    void delete(Context ctx) {
        String service = ctx.pathParam("service");
        RuleKind kind = kind(ctx);
        boolean deleted;
        try {
            deleted = writer.delete(service, kind, expectedRevision(ctx), author(ctx));
        } catch (RevisionConflictException e) {
            throw conflict(ctx, e);
        } catch (RuleWriter.AuditFailedException e) {
            throw new ApiError(500, e.getMessage());
        }
        if (!deleted) {
            throw new ApiError(404, "no " + kind.key() + " rule for " + service);
        }
        ctx.status(204);
    }

    /** The audit log, newest first; each entry with its {@link AuditHistory#id id}. */
    void auditLog(Context ctx) {
        int limit = (int) QueryParams.bounded(ctx, "limit", 0, 1000, 100);
        List<JsonNode> entries = new ArrayList<>();
        for (String entry : registry.audit(limit)) {
            try {
                JsonNode node = json.readTree(entry);
                if (node instanceof ObjectNode object) {
                    object.put("id", AuditHistory.id(entry));
                    object.set("diff", json.valueToTree(RuleDiff.lines(text(object, "before"), text(object, "after"))));
                }
                entries.add(node);
            } catch (JsonProcessingException e) {
                log.warn("skipping an audit entry that is not JSON: {}", e.getOriginalMessage());
            }
        }
        ctx.json(Map.of("entries", entries));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Who the audit names for a change made in this request: the real user or token (every rule-changing endpoint). */
    static RuleWriter.Author author(Context ctx) {
        return new RuleWriter.Author(Principal.of(ctx).name(), ctx.ip(), "console");
    }

    /** The revision the write expects: {@code If-Match}'s, or 0 (the rule must not exist) without one. */
    static long expectedRevision(Context ctx) {
        String ifMatch = ifMatch(ctx);
        if (ifMatch == null) {
            return 0;
        }
        Matcher m = ETAG.matcher(ifMatch.trim());
        if (!m.matches()) {
            throw new ApiError(400, "If-Match must be a revision ETag such as \"7\"");
        }
        return Long.parseLong(m.group(1));
    }

    /** The {@code If-Match} header, {@code null} when absent or blank. */
    static String ifMatch(Context ctx) {
        String ifMatch = ctx.header("If-Match");
        return ifMatch == null || ifMatch.isBlank() ? null : ifMatch;
    }

    /** 428 when the rule exists and no {@code If-Match} was sent, else 412. */
    static ApiError conflict(Context ctx, RevisionConflictException e) {
        if (ifMatch(ctx) == null && e.currentRevision() != 0) {
            return new ApiError(428, "the rule exists (revision " + e.currentRevision()
                    + "): send If-Match with the revision you read (its ETag)");
        }
        return new ApiError(412, "the rule changed meanwhile: expected "
                + (e.expectedRevision() == 0 ? "no rule" : "revision " + e.expectedRevision()) + ", found "
                + (e.currentRevision() == 0 ? "no rule" : "revision " + e.currentRevision())
                + "; read it again and reapply your change");
    }

    static String etag(long revision) {
        return "\"" + revision + "\"";
    }
}
