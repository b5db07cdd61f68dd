package io.weft.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the rows {@link LoadDriver} printed into a Markdown table, with Weft's throughput relative
 * to Dubbo and raw Netty in the same cell. Usage: {@code MatrixReport RESULTS_TSV MACHINE_LINE SETTINGS_LINE}.
 */
public final class MatrixReport {
    private MatrixReport() {}

    public static void main(String[] args) throws IOException {
        List<String[]> rows = new ArrayList<>();
        Map<String, Double> ops = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank() || line.startsWith("stack\t")) {
                continue;
            }
            String[] f = line.split("\t");
            rows.add(f);
            ops.put(f[0] + "/" + f[1] + "/" + f[2], Double.parseDouble(f[3]));
        }
        StringBuilder out = new StringBuilder();
        out.append("Machine: ").append(args[1]).append("  \n");
        out.append("Run: ").append(args[2]).append("\n\n");
        out.append("| stack | C | payload | ops/s | vs Dubbo | vs Netty | p50 µs | p99 µs | p99.9 µs | failed "
                + "| client CPU µs/call | server CPU µs/call | client GCs | server GCs | server B/call |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String[] f : rows) {
            String cell = "/" + f[1] + "/" + f[2];
            double mine = Double.parseDouble(f[3]);
            out.append("| ").append(f[0]).append(" | ").append(f[1]).append(" | ").append(size(f[2])).append(" | ")
                    .append(String.format("%,.0f", mine)).append(" | ").append(ratio(mine, ops.get("dubbo" + cell)))
                    .append(" | ").append(ratio(mine, ops.get("netty" + cell)));
            for (int i = 4; i <= 6; i++) {
                out.append(" | ").append(f[i]);
            }
            out.append(" | ").append(f[8]).append(" | ").append(f[9]).append(" | ").append(f[10]).append(" | ")
                    .append(f[11]).append(" | ").append(f[12]).append(" | ").append(f[14]).append(" |\n");
        }
        System.out.print(out);
    }

    private static String size(String bytes) {
        int b = Integer.parseInt(bytes);
        return b % 1024 == 0 ? (b / 1024) + " KiB" : b + " B";
    }

    private static String ratio(double mine, Double other) {
        return other == null || other == 0 ? "–" : String.format("%.2f×", mine / other);
    }
}
