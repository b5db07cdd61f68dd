package io.weft.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleDiffTest {
    @Test
    void changedWeightShowsAsOneLineRemovedAndOneAddedBetweenKeptLines() {
        String before = "{\"routes\":[{\"name\":\"default\",\"destinations\":[{\"subset\":{\"env\":\"canary\"},\"weight\":10}]}]}";
        String after = "{\"routes\":[{\"name\":\"default\",\"destinations\":[{\"subset\":{\"env\":\"canary\"},\"weight\":50}]}]}";

        List<String> diff = RuleDiff.lines(before, after);

        assertThat(diff).filteredOn(l -> !l.startsWith("  ")).containsExactly(
                "-           \"weight\": 10", "+           \"weight\": 50");
        assertThat(diff).contains("  {", "              \"env\": \"canary\"", "  }");
    }

    @Test
    void whitespaceOfTheAuthorDoesNotShowAsAChange() {
        List<String> diff = RuleDiff.lines("{\"fallback\":\"all\"}", "{\n    \"fallback\" :   \"all\"\n}\n");

        assertThat(diff).containsExactly("  {", "    \"fallback\": \"all\"", "  }");
    }

    @Test
    void creationIsAllAddedAndDeletionAllRemoved() {
        assertThat(RuleDiff.lines(null, "{\"a\":[]}")).containsExactly("+ {", "+   \"a\": []", "+ }");
        assertThat(RuleDiff.lines("{\"a\":{}}", null)).containsExactly("- {", "-   \"a\": {}", "- }");
        assertThat(RuleDiff.lines(null, null)).isEmpty();
    }

    @Test
    void textThatIsNotJsonIsComparedLineByLine() {
        assertThat(RuleDiff.lines("not json\nsame", "same")).containsExactly("- not json", "  same");
    }

    @Test
    void veryLongRulesAreShownAsReplacedWithoutTheQuadraticTable() {
        String big = "[" + String.join(",", Collections.nCopies(RuleDiff.MAX_LINES + 1, "1")) + "]";

        List<String> diff = RuleDiff.lines(big, "[2]");

        assertThat(diff).hasSize(RuleDiff.MAX_LINES + 3 + 3);
        assertThat(diff.get(0)).isEqualTo("- [");
        assertThat(diff).endsWith("+ [", "+   2", "+ ]");
    }
}
