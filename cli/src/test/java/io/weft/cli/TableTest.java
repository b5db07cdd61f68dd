package io.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TableTest {
    private static String print(Table table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void columnsAreAsWideAsTheirWidestCellAndNumbersAlignRight() {
        String text = print(new Table("SERVICE", "PROVIDERS", "HEALTH")
                .row("io.weft.demo.Greeter", 2, "0.75")
                .row("a.B", 10, null));

        assertThat(text).isEqualTo("""
                SERVICE               PROVIDERS  HEALTH
                io.weft.demo.Greeter          2    0.75
                a.B                          10       -
                """);
    }

    @Test
    void textColumnsAlignLeftWithoutTrailingSpaces() {
        String text = print(new Table("NAME", "NOTE").row("x", "long note").row("yyyyyy", "n"));

        assertThat(text).isEqualTo("""
                NAME    NOTE
                x       long note
                yyyyyy  n
                """);
    }
}
