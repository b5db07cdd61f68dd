package io.weft.console;

import io.javalin.http.Context;
import io.weft.rule.RuleKind;
import io.weft.rule.RuleValidationException;
import io.weft.rules.AuditHistory;
import io.weft.rules.RuleDiff;
import io.weft.rules.RuleWriter;
import io.weft.spi.Registry;
import io.weft.spi.RevisionConflictException;
import io.weft.spi.RuleValue;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule's history and its rollback, over the same code as {@code weft rules history|rollback}
 * ({@link AuditHistory}, {@link RuleWriter}), so the console and the command line show the same entries
 * with the same ids:
 * <ul>
 *   <li>{@code GET /api/services/{service}/rules/{kind}/history?limit=N} (default 50, 1..1000): the
 *       current revision (0: no rule; also as the {@code ETag}) and the audited changes, newest first, each
 *       with its {@code diff} (lines of {@link RuleDiff});</li>
 *   <li>{@code POST /api/services/{service}/rules/{kind}/history/{entry}/rollback} with {@code If-Match}
 *       (the revision the rollback is meant to replace; {@code "0"}: no rule): writes the rule as it was
 *       before that entry with compare-and-set, audited as a {@code rollback} of the entry under the
 *       session's user. 428 without {@code If-Match}, 412 when the rule changed meanwhile, 404 for an
 *       unknown entry, 400 for an entry of another rule, 409 when the old rule no longer validates.</li>
 * </ul>
 */
final class RuleHistoryApi {
    private static final int DEFAULT_LIMIT = 50;

    private final Registry registry;
    private final AuditHistory audit;
    private final RuleWriter writer;

    RuleHistoryApi(Registry registry, Clock clock) {
        this.registry = registry;
        this.audit = new AuditHistory(registry);
        this.writer = new RuleWriter(registry, clock);
    }

    void history(Context ctx) {
        String service = ctx.pathParam("service");
        RuleKind kind = RulesApi.kind(ctx);
        int limit = (int) QueryParams.bounded(ctx, "limit", 1, 1000, DEFAULT_LIMIT);
        long revision = registry.getRule(service, kind.key()).map(RuleValue::revision).orElse(0L);
        List<Map<String, Object>> entries = audit.of(service, kind.key(), limit).stream()
                .map(RuleHistoryApi::withDiff).toList();
        ctx.header("ETag", RulesApi.etag(revision));
        ctx.json(Map.of("service", service, "kind", kind.key(), "revision", revision, "entries", entries));
    }

    void rollback(Context ctx) {
        String service = ctx.pathParam("service");
        RuleKind kind = RulesApi.kind(ctx);
        String id = ctx.pathParam("entry");
        if (RulesApi.ifMatch(ctx) == null) {
            throw new ApiError(428, "send If-Match with the revision the rollback replaces (the history's ETag; "
                    + "\"0\" when there is no rule)");
        }
        long expected = RulesApi.expectedRevision(ctx);
        AuditHistory.Entry entry = audit.find(id).orElseThrow(() -> new ApiError(404, "no audit entry " + id
                + " among the newest " + AuditHistory.SCAN_LIMIT));
        long revision;
        try {
            revision = writer.rollback(service, kind, entry, expected, RulesApi.author(ctx));
        } catch (RuleValidationException e) {
            throw new ApiError(409, "the " + kind.key() + " rule before " + id
                    + " is not valid today, so it was not written back", e.errors());
        } catch (RevisionConflictException e) {
            throw RulesApi.conflict(ctx, e);
        } catch (RuleWriter.AuditFailedException e) {
            throw new ApiError(500, e.getMessage());
        }
        ctx.header("ETag", RulesApi.etag(revision));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service", service);
        answer.put("kind", kind.key());
        answer.put("revision", revision);
        answer.put("rolledBack", id);
        ctx.json(answer);
    }

    private static Map<String, Object> withDiff(AuditHistory.Entry e) {
        Map<String, Object> out = new LinkedHashMap<>(); // null fields kept: the entry's shape is fixed
        out.put("id", e.id());
        out.put("at", e.at());
        out.put("user", e.user());
        out.put("remote", e.remote());
        out.put("via", e.via());
        out.put("action", e.action());
        out.put("rollbackOf", e.rollbackOf());
        out.put("beforeRevision", e.beforeRevision());
        out.put("before", e.before());
        out.put("afterRevision", e.afterRevision());
        out.put("after", e.after());
        out.put("diff", RuleDiff.lines(e.before(), e.after()));
        return out;
    }
}
