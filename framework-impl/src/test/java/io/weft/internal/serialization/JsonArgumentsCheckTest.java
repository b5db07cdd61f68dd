package io.weft.internal.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonArgumentsCheckTest {
    final JsonSerialization json = JsonSerialization.withDefaults();

    @Test
    void checkedArgumentsAreWrittenAsTheCallersTextAndDecodeToPlainValues() throws Exception {
        EncodedJsonArguments args = json.checkArguments("[ \"Ada\", 1e2, {\"k\": [1, null]} ]");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        json.write(args, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[ \"Ada\", 1e2, {\"k\": [1, null]} ]");
        Object[] plain = args.decode();
        assertThat(plain).hasSize(3);
        assertThat(plain[0]).isEqualTo("Ada");
        assertThat(plain[2]).isEqualTo(Map.of("k", java.util.Arrays.asList(BigInteger.ONE, null)));
        assertThat(json.checkArguments("[]").decode()).isEmpty();
    }

    @Test
    void anythingButOneJsonArrayIsRefusedNamingTheProblem() {
        assertRefused(json, "{\"not\":\"array\"}", "arguments must be one JSON array: got an object");
        assertRefused(json, "null", "arguments must be a JSON array, got null");
        assertRefused(json, "\"Ada\"", "arguments must be one JSON array: got a string");
        assertRefused(json, "[1] [2]", "trailing content");
        assertRefused(json, "[1, 2", "arguments must be one JSON array: ");
        assertRefused(json, "Ada", "Unrecognized token 'Ada'");
    }

    @Test
    void theJsonLimitsStillApplyWithoutDecoding() {
        JsonSerialization small = new JsonSerialization(new JsonLimits(4, 8, 5, 100, 1_000));
        assertRefused(small, "[[[[[1]]]]]", "nesting depth");
        assertRefused(small, "[\"far too long a string\"]", "string is longer than 8");
        assertRefused(small, "[1234567.5]", "Number value length");
        assertThat(small.checkArguments("[\"short\", 12, [1]]")).hasToString("[\"short\", 12, [1]]");
        assertThat(List.of(small.checkArguments("[1]").decode())).containsExactly(BigInteger.ONE);
    }

    private static void assertRefused(JsonSerialization serialization, String arguments, String reason) {
        assertThatThrownBy(() -> serialization.checkArguments(arguments))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }
}
