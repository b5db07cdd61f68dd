package io.weft.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two rule JSON values, each pretty-printed first (two-space indent, fields in their
 * order), so that the console's history and {@code weft rules history --diff} show the same change
 * whatever whitespace its author used. Lines start with {@code "  "} (kept), {@code "- "} (only before)
 * or {@code "+ "} (only after); {@code null} stands for "no rule" and has no lines. Text that is not
 * JSON is compared line by line as it is. Stateless and thread-safe.
 */
public final class RuleDiff {
    /** Beyond this many lines on either side the diff is "all removed, all added" (the table is quadratic). */
    static final int MAX_LINES = 2_000;
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator("")));

    private RuleDiff() {
    }

    /** The diff from {@code before} to {@code after} (either {@code null}: no rule), one string per line. */
    public static List<String> lines(String before, String after) {
        List<String> a = pretty(before);
        List<String> b = pretty(after);
        List<String> out = new ArrayList<>(a.size() + b.size());
        if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
            a.forEach(line -> out.add("- " + line));
            b.forEach(line -> out.add("+ " + line));
            return out;
        }
        int[][] common = new int[a.size() + 1][b.size() + 1]; // longest common subsequence of the suffixes
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.add("  " + a.get(i++));
                j++;
            } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                out.add("- " + a.get(i++)); // removals before additions, as diff(1) prints them
            } else {
                out.add("+ " + b.get(j++));
            }
        }
        return out;
    }

    /** {@code json} pretty-printed as lines; text that is not JSON split as it is; none for {@code null}. */
    static List<String> pretty(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (node != null && !node.isMissingNode()) {
                return PRETTY.writeValueAsString(node).lines().toList();
            }
        } catch (JsonProcessingException e) {
            // not JSON: compared as text
        }
        return json.lines().toList();
    }
}
