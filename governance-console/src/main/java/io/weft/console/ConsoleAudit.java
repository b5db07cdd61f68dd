package io.weft.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.weft.rules.RuleWriter;
import io.weft.spi.Registry;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's own entries in the registry's audit log, next to the rule changes ({@link RuleWriter}
 * writes those): test calls, and changes to users and API tokens. Each entry is
 * {@code {"at", "user", "remote", "via": "console", "action", …}} and has no {@code kind}, so rule
 * histories skip it. Such a change has already happened when it is recorded: an entry the registry
 * refuses is logged as a warning, and the change stands (unlike a rule change, which is undone).
 */
final class ConsoleAudit {
    private static final Logger log = LoggerFactory.getLogger(ConsoleAudit.class);

    private final Registry registry;
    private final ObjectMapper json;
    private final Clock clock;

    ConsoleAudit(Registry registry, ObjectMapper json, Clock clock) {
        this.registry = registry;
        this.json = json;
        this.clock = clock;
    }

    /** Appends {@code action} by {@code author} with the entry's own {@code fields}; false when it could not. */
    boolean record(RuleWriter.Author author, String action, Consumer<ObjectNode> fields) {
        ObjectNode entry = json.createObjectNode().put("at", clock.millis()).put("user", author.user())
                .put("remote", author.remote()).put("via", author.via()).put("action", action);
        fields.accept(entry);
        try {
            registry.appendAudit(json.writeValueAsString(entry));
            return true;
        } catch (RuntimeException | JsonProcessingException e) {
            log.warn("could not audit {} by {}: {} (entry {})", action, author.user(), e.toString(), entry);
            return false;
        }
    }
}
