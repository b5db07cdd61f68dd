package io.weft.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A text table for a terminal: columns as wide as their widest cell, two spaces apart, numeric columns
 * (every cell a number or {@code -}) right-aligned, no trailing spaces. Not thread-safe.
 */
final class Table {
    private static final Pattern NUMBER = Pattern.compile("-|[-+]?\\d+(\\.\\d+)?");
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = headers.clone();
    }

    /** Adds a row; {@code null} and empty cells print as {@code -}. */
    Table row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("expected " + headers.length + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(c -> c == null || c.toString().isEmpty() ? "-" : c.toString())
                .toArray(String[]::new));
        return this;
    }

    void print(PrintStream out) {
        int columns = headers.length;
        int[] widths = new int[columns];
        boolean[] numeric = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = headers[c].length();
            numeric[c] = !rows.isEmpty();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
                numeric[c] &= NUMBER.matcher(row[c]).matches();
            }
        }
        out.println(line(headers, widths, numeric));
        for (String[] row : rows) {
            out.println(line(row, widths, numeric));
        }
    }

    private static String line(String[] cells, int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(widths[c] - cells[c].length());
            line.append(numeric[c] ? pad + cells[c] : cells[c] + pad);
        }
        return line.toString().stripTrailing();
    }
}
