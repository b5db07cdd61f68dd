package io.weft.cli;

import io.weft.rule.RuleError;
import io.weft.rule.RuleKind;
import io.weft.rule.RuleValidationException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.weft.rules.AuditHistory;
import io.weft.rules.RuleDiff;
import io.weft.rules.RuleWriter;
import io.weft.spi.Registry;
import io.weft.spi.RevisionConflictException;
import io.weft.spi.RuleValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code weft rules get|put|rm|history|rollback}. Changes go through {@link RuleWriter}, as the console's
 * do: validated with the instances' validator (every error with its field path; nothing written), written
 * with compare-and-set on {@code --if-revision}, and audited under the OS user or {@code --user}.
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Read and change a service's governance rules (routing, throttling, faults, security).")
final class RulesCommand implements Runnable {
    @ParentCommand
    WeftCli cli;

    /** {@code weft rules} alone is a usage error. */
    @Override
    public void run() {
        throw new CliFailure(WeftCli.USAGE, "rules needs a subcommand: get, put, rm, history or rollback");
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Prints the rule JSON on stdout and its revision on stderr (--json: both as one object).")
    int get(@Parameters(paramLabel = "SERVICE") String service, @Parameters(paramLabel = "KIND") String kindName) {
        RuleKind kind = kind(kindName);
        RuleValue value;
        try (Registry registry = cli.connect()) {
            value = registry.getRule(service, kind.key()).orElseThrow(() -> new CliFailure(WeftCli.FAILED,
                    "no " + kind.key() + " rule for " + service));
        }
        if (cli.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("service", service);
            json.put("kind", kind.key());
            json.put("revision", value.revision());
            Object rule = Json.parseOrNull(value.json());
            json.put("rule", rule == null ? value.json() : rule);
            cli.printJson(json);
        } else {
            Object rule = Json.parseOrNull(value.json());
            cli.out.println(rule == null ? value.json() : Json.pretty(rule));
            cli.err.println("revision " + value.revision());
        }
        return 0;
    }

    @Command(name = "put", mixinStandardHelpOptions = true,
            description = "Validates the rule in FILE (- = stdin) and writes it with compare-and-set; audited.")
    int put(@Parameters(paramLabel = "SERVICE") String service, @Parameters(paramLabel = "KIND") String kindName,
            @Parameters(paramLabel = "FILE", description = "The rule JSON; - reads stdin.") String file,
            @Option(names = "--if-revision", paramLabel = "N",
                    description = "The revision you read (weft rules get); without it the rule must not exist yet.")
            Long ifRevision, @Mixin AuthorOption author) {
        RuleKind kind = kind(kindName);
        String json = read(file);
        long expected = ifRevision == null ? 0 : ifRevision;
        long revision;
        try (Registry registry = cli.connect()) {
            revision = new RuleWriter(registry, Clock.systemUTC()).put(service, kind, json, expected, author.author());
        } catch (RuleValidationException e) {
            throw invalid(kind, e.errors());
        } catch (RevisionConflictException e) {
            throw conflict(kind, service, e, ifRevision);
        }
        return written(service, kind, revision, (expected == 0 ? "created" : "updated") + " the " + kind.key()
                + " rule of " + service + ": revision " + revision);
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Deletes the rule with compare-and-set; audited.")
    int rm(@Parameters(paramLabel = "SERVICE") String service, @Parameters(paramLabel = "KIND") String kindName,
           @Option(names = "--if-revision", paramLabel = "N", required = true,
                   description = "The revision you read (weft rules get).") long ifRevision, @Mixin AuthorOption author) {
        RuleKind kind = kind(kindName);
        try (Registry registry = cli.connect()) {
            if (!new RuleWriter(registry, Clock.systemUTC()).delete(service, kind, ifRevision, author.author())) {
                throw new CliFailure(WeftCli.FAILED, "no " + kind.key() + " rule for " + service);
            }
        } catch (RevisionConflictException e) {
            throw conflict(kind, service, e, ifRevision);
        }
        return written(service, kind, 0, "deleted the " + kind.key() + " rule of " + service);
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "The audited changes of the service's rules (of KIND only, if given), newest first.")
    int history(@Parameters(paramLabel = "SERVICE") String service,
                @Parameters(paramLabel = "KIND", arity = "0..1") String kindName,
                @Option(names = "--limit", defaultValue = "50", paramLabel = "N",
                        description = "At most N entries (default ${DEFAULT-VALUE}).") int limit,
                @Option(names = "--diff", description = "After the table, each entry's change as a line diff "
                        + "(the console's; with --json, a diff field per entry).") boolean diff) {
        String kind = kindName == null ? null : kind(kindName).key();
        if (limit < 1) {
            throw new CliFailure(WeftCli.USAGE, "--limit must be at least 1, got " + limit);
        }
        List<AuditHistory.Entry> entries;
        try (Registry registry = cli.connect()) {
            entries = new AuditHistory(registry).of(service, kind, limit);
        }
        if (cli.json) {
            cli.printJson(Map.of("entries", diff ? entries.stream().map(RulesCommand::withDiff).toList() : entries));
            return 0;
        }
        if (entries.isEmpty()) {
            cli.out.println("no audited changes of " + (kind == null ? "" : kind + " ") + "rules of " + service);
            return 0;
        }
        Table table = new Table("ID", "AT", "USER", "VIA", "KIND", "ACTION", "REVISION");
        for (AuditHistory.Entry e : entries) {
            String action = e.rollbackOf() == null ? e.action() : e.action() + " of " + e.rollbackOf();
            table.row(e.id(), Instant.ofEpochMilli(e.at()).truncatedTo(ChronoUnit.SECONDS), e.user(), e.via(), e.kind(), action,
                    revision(e.beforeRevision()) + " -> " + revision(e.afterRevision()));
        }
        table.print(cli.out);
        if (diff) {
            for (AuditHistory.Entry e : entries) {
                cli.out.println();
                cli.out.println(e.id() + " " + e.kind() + " " + revision(e.beforeRevision()) + " -> "
                        + revision(e.afterRevision()) + ":");
                RuleDiff.lines(e.before(), e.after()).forEach(cli.out::println);
            }
        }
        return 0;
    }

    /** {@code entry} with the {@code diff} lines the console's history shows. */
    private static Map<String, Object> withDiff(AuditHistory.Entry entry) {
        Map<String, Object> out = Json.MAPPER.convertValue(entry, new TypeReference<LinkedHashMap<String, Object>>() { });
        out.put("diff", RuleDiff.lines(entry.before(), entry.after()));
        return out;
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Writes back the rule as it was before audit entry ENTRY_ID (weft rules history); "
                    + "compare-and-set on the current revision, audited.")
    int rollback(@Parameters(paramLabel = "SERVICE") String service, @Parameters(paramLabel = "KIND") String kindName,
                 @Parameters(paramLabel = "ENTRY_ID") String entryId,
                 @Option(names = "--if-revision", paramLabel = "N",
                         description = "Only if the rule is at revision N now (default: the revision read now; 0 = absent).")
                 Long ifRevision, @Mixin AuthorOption author) {
        RuleKind kind = kind(kindName);
        long revision;
        try (Registry registry = cli.connect()) {
            AuditHistory.Entry entry = new AuditHistory(registry).find(entryId).orElseThrow(() -> new CliFailure(
                    WeftCli.FAILED, "no audit entry " + entryId + " (weft rules history " + service + " lists them)"));
            long expected = ifRevision != null ? ifRevision
                    : registry.getRule(service, kind.key()).map(RuleValue::revision).orElse(0L);
            revision = new RuleWriter(registry, Clock.systemUTC()).rollback(service, kind, entry, expected, author.author());
        } catch (RevisionConflictException e) {
            throw conflict(kind, service, e, ifRevision);
        }
        return written(service, kind, revision, "rolled back the " + kind.key() + " rule of " + service
                + " to before " + entryId + ": " + (revision == 0 ? "no rule" : "revision " + revision));
    }

    private int written(String service, RuleKind kind, long revision, String message) {
        if (cli.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("service", service);
            json.put("kind", kind.key());
            json.put("revision", revision == 0 ? null : revision);
            cli.printJson(json);
        } else {
            cli.out.println(message);
        }
        return 0;
    }

    private static RuleKind kind(String name) {
        return RuleKind.fromKey(name).orElseThrow(() -> new CliFailure(WeftCli.USAGE,
                "unknown rule kind '" + name + "': expected routing, throttling, faults or security"));
    }

    private String read(String file) {
        try {
            if ("-".equals(file)) {
                InputStream in = System.in;
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new CliFailure(WeftCli.FAILED, "cannot read " + ("-".equals(file) ? "stdin" : file) + ": " + e);
        }
    }

    private static CliFailure invalid(RuleKind kind, List<RuleError> errors) {
        return new CliFailure(WeftCli.FAILED, "invalid " + kind.key() + " rule (nothing written):",
                errors.stream().map(RuleError::toString).toList(), Map.of("errors", errors));
    }

    private static CliFailure conflict(RuleKind kind, String service, RevisionConflictException e, Long ifRevision) {
        long current = e.currentRevision();
        String now = current == 0 ? "there is no " + kind.key() + " rule" : "the current revision is " + current;
        String message = ifRevision == null && current != 0
                ? "the " + kind.key() + " rule of " + service + " exists (current revision " + current
                        + "): pass --if-revision " + current + " to replace it"
                : "conflict: expected " + (e.expectedRevision() == 0 ? "no rule" : "revision " + e.expectedRevision())
                        + " but " + now + "; nothing written (read it again: weft rules get " + service + " "
                        + kind.key() + ")";
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("currentRevision", current);
        return new CliFailure(WeftCli.FAILED, message, List.of(), fields);
    }

    private static String revision(Long revision) {
        return revision == null ? "-" : revision.toString();
    }
}
