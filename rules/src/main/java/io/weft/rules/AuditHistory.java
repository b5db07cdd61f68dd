package io.weft.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.weft.spi.Registry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the rule changes recorded by {@link RuleWriter} from the registry's audit log, newest first.
 *
 * <p>An entry's {@link Entry#id() id} is the first 12 hex digits of the SHA-256 of the entry as stored:
 * entries are never rewritten, so the id is stable, needs no field of its own, and exists for entries
 * written before ids were shown. Entries that are not JSON objects are skipped with a warning.
 * Thread-safe; every method blocks on the registry.
 */
public final class AuditHistory {
    /** How many of the newest audit entries a search looks at. */
    public static final int SCAN_LIMIT = 10_000;
    private static final int FIRST_WINDOW = 64;
    private static final Logger log = LoggerFactory.getLogger(AuditHistory.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Registry registry;

    public AuditHistory(Registry registry) {
        this.registry = registry;
    }

    /**
     * One recorded change ({@code null}: absent in the entry). {@code before}/{@code after} are the rule
     * JSON around the change, {@code null} for "no rule".
     */
    public record Entry(String id, long at, String user, String remote, String via, String service, String kind,
                        String action, Long beforeRevision, String before, Long afterRevision, String after,
                        String rollbackOf) {}

    /**
     * The changes of {@code service}'s rules (entries without a {@code kind}, such as the console's test
     * calls, are not rule changes), of one {@code kind} unless it is {@code null}, newest
     * first, at most {@code limit}, among the newest {@link #SCAN_LIMIT} entries of the whole log.
     */
    public List<Entry> of(String service, String kind, int limit) {
        List<Entry> out = new ArrayList<>();
        scan(stored -> {
            Entry entry = parse(stored);
            if (entry != null && entry.kind() != null && service.equals(entry.service())
                    && (kind == null || kind.equals(entry.kind()))) { // no kind: not a rule change (a test call)
                out.add(entry);
            }
            return out.size() < limit;
        });
        return out;
    }

    /** The entry with {@code id} among the newest {@link #SCAN_LIMIT}. */
    public Optional<Entry> find(String id) {
        Entry[] found = {null};
        scan(stored -> {
            if (id(stored).equals(id)) {
                found[0] = parse(stored);
                return false;
            }
            return true;
        });
        return Optional.ofNullable(found[0]);
    }

    /**
     * Hands the newest entries, newest first and each once, to {@code visitor} until it answers
     * {@code false} or {@link #SCAN_LIMIT} were seen. Reads in growing windows (64, 512, 4096, then
     * {@link #SCAN_LIMIT}) because a backend may read entries one by one: a search near the top of a long
     * log stays cheap. Entries appended meanwhile shift the windows; ids already seen are skipped.
     */
    private void scan(Predicate<String> visitor) {
        Set<String> seen = new HashSet<>();
        for (int window = FIRST_WINDOW; ; window = Math.min(window * 8, SCAN_LIMIT)) {
            List<String> entries = registry.audit(window);
            for (String stored : entries) {
                if (seen.add(id(stored)) && !visitor.test(stored)) {
                    return;
                }
            }
            if (entries.size() < window || window == SCAN_LIMIT) {
                return;
            }
        }
    }

    /** The id of an entry as stored. */
    public static String id(String stored) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(stored.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Entry parse(String stored) {
        JsonNode n;
        try {
            n = JSON.readTree(stored);
        } catch (JsonProcessingException e) {
            log.warn("skipping an audit entry that is not JSON: {}", e.getOriginalMessage());
            return null;
        }
        if (n == null || !n.isObject()) {
            log.warn("skipping an audit entry that is not a JSON object");
            return null;
        }
        return new Entry(id(stored), n.path("at").asLong(), text(n, "user"), text(n, "remote"), text(n, "via"),
                text(n, "service"), text(n, "kind"), text(n, "action"), number(n, "beforeRevision"),
                text(n, "before"), number(n, "afterRevision"), text(n, "after"), text(n, "rollbackOf"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.canConvertToLong() ? v.asLong() : null;
    }
}
