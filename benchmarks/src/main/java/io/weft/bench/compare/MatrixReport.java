package io.weft.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the rows {@link LoadDriver} printed into two Markdown tables that compare like with like:
 * every stack in its default configuration, then every stack with calls served on its I/O thread
 * (raw Netty, which has no pool, is in both as the practical limit). Ratios to Dubbo are to Dubbo in
 * the same table. Ends with issue #15's targets, each computed from the rows and marked met or not.
 * Usage: {@code MatrixReport RESULTS_TSV MACHINE_LINE SETTINGS_LINE}.
 */
public final class MatrixReport {
    /** What each stack ran with, as the tables' legend says it. */
    private static final Map<String, String> RAN_WITH = new LinkedHashMap<>();

    static {
        RAN_WITH.put("weft", "Weft defaults: `weft.server.dispatch=pool` (200 business threads, bounded queue),"
                + " Hessian 2, routing/throttling/faults/security rules present and passing");
        RAN_WITH.put("dubbo", "Apache Dubbo 3.3.5 defaults: dubbo protocol, hessian2, dispatcher `all`"
                + " (calls on its fixed pool of 200 threads), direct URL");
        RAN_WITH.put("grpc", "gRPC-java defaults: shaded Netty, server and channel on gRPC's default executors,"
                + " String marshaller, blocking stub");
        RAN_WITH.put("netty", "raw Netty echo on the event loop (no pool, no serialization): the practical limit");
        RAN_WITH.put("weft-direct", "Weft with `weft.server.dispatch=direct` (calls on the event loop), otherwise"
                + " as `weft`");
        RAN_WITH.put("dubbo-direct", "Dubbo as `dubbo` with `dispatcher=direct` on the provider");
        RAN_WITH.put("grpc-direct", "gRPC as `grpc` with `directExecutor()` on server and channel");
    }

    private MatrixReport() {}

    public static void main(String[] args) throws IOException {
        List<String[]> rows = new ArrayList<>();
        Map<String, String[]> byCell = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank() || line.startsWith("stack\t")) {
                continue;
            }
            String[] f = line.split("\t");
            rows.add(f);
            byCell.put(f[0] + "/" + f[1] + "/" + f[2], f);
        }
        StringBuilder out = new StringBuilder();
        out.append("Machine: ").append(args[1]).append("  \n");
        out.append("Run: ").append(args[2]).append("\n\n");
        table(out, "Defaults (each stack as a new user runs it)", rows, byCell, false);
        table(out, "Direct dispatch (calls on the I/O thread; only for methods that never block)", rows, byCell, true);
        targets(out, byCell);
        System.out.print(out);
    }

    private static void table(StringBuilder out, String title, List<String[]> rows, Map<String, String[]> byCell,
                              boolean direct) {
        String dubbo = direct ? "dubbo-direct" : "dubbo";
        out.append("**").append(title).append("**\n\n");
        out.append("| stack | C | payload | ops/s | vs ").append(dubbo).append(" | vs netty | p50 µs | p99 µs "
                + "| p99 vs ").append(dubbo).append(" | p99.9 µs | failed | client CPU µs/call | server CPU µs/call "
                + "| client GCs | server GCs | server B/call | server ctx switches/call | load avg |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        List<String> legend = new ArrayList<>();
        for (String[] f : rows) {
            boolean isDirect = f[0].endsWith("-direct");
            if (isDirect != direct && !f[0].equals("netty")) {
                continue;
            }
            if (!legend.contains(f[0])) {
                legend.add(f[0]);
            }
            String cell = "/" + f[1] + "/" + f[2];
            String[] d = byCell.get(dubbo + cell);
            String[] n = byCell.get("netty" + cell);
            double mine = Double.parseDouble(f[3]);
            out.append("| ").append(f[0]).append(" | ").append(f[1]).append(" | ").append(size(f[2])).append(" | ")
                    .append(String.format("%,.0f", mine)).append(" | ").append(ratio(f, d, 3))
                    .append(" | ").append(ratio(f, n, 3)).append(" | ").append(f[4]).append(" | ").append(f[5])
                    .append(" | ").append(ratio(f, d, 5)).append(" | ").append(f[6]).append(" | ").append(f[8])
                    .append(" | ").append(f[9]).append(" | ").append(f[10]).append(" | ").append(f[11]).append(" | ")
                    .append(f[12]).append(" | ").append(f[14]).append(" | ").append(f.length > 16 ? f[16] : "–")
                    .append(" | ").append(f.length > 17 ? f[17] : "–")
                    .append(" |\n");
        }
        out.append('\n');
        for (String stack : legend) {
            out.append("- `").append(stack).append("`: ").append(RAN_WITH.getOrDefault(stack, stack)).append('\n');
        }
        out.append('\n');
    }

    /** Issue #15's targets, from the C=32/100 B cells unless said. */
    private static void targets(StringBuilder out, Map<String, String[]> cells) {
        out.append("**Issue #15's targets in this run** (C=32/100 B unless said)\n\n");
        target(out, "Weft defaults ops/s ≥ 2.5× Dubbo defaults", cells, "weft/32/100", "dubbo/32/100", 3, 2.5, true);
        target(out, "Weft defaults p99 ≤ 0.33× Dubbo defaults'", cells, "weft/32/100", "dubbo/32/100", 5, 0.33, false);
        target(out, "Weft defaults ≥ 85 % of Weft direct", cells, "weft/32/100", "weft-direct/32/100", 3, 0.85, true);
        target(out, "Weft direct ≥ 2× Dubbo direct", cells, "weft-direct/32/100", "dubbo-direct/32/100", 3, 2.0, true);
        target(out, "C=32/4 KiB: Weft defaults ≥ 3× Dubbo defaults", cells, "weft/32/4096", "dubbo/32/4096", 3, 3.0,
                true);
        target(out, "Weft defaults: C=128 not below C=32", cells, "weft/128/100", "weft/32/100", 3, 1.0, true);
        target(out, "Weft client CPU/call ≤ 1.25× raw Netty client's", cells, "weft/32/100", "netty/32/100", 9, 1.25,
                false);
        target(out, "Weft server CPU/call, pool ≤ 1.5× direct", cells, "weft/32/100", "weft-direct/32/100", 10, 1.5,
                false);
        out.append('\n');
    }

    private static void target(StringBuilder out, String what, Map<String, String[]> cells, String mine,
                               String other, int column, double bound, boolean atLeast) {
        String[] a = cells.get(mine);
        String[] b = cells.get(other);
        if (a == null || b == null) {
            out.append("- ").append(what).append(": not measured in this run\n");
            return;
        }
        double x = Double.parseDouble(a[column]);
        double y = Double.parseDouble(b[column]);
        double r = x / y;
        boolean met = atLeast ? r >= bound : r <= bound;
        out.append("- ").append(what).append(": ").append(String.format("%.2f×", r)).append(" (")
                .append(a[column]).append(" / ").append(b[column]).append(") — ").append(met ? "met" : "**not met**")
                .append('\n');
    }

    private static String size(String bytes) {
        int b = Integer.parseInt(bytes);
        return b % 1024 == 0 ? (b / 1024) + " KiB" : b + " B";
    }

    private static String ratio(String[] mine, String[] other, int column) {
        if (other == null) {
            return "–";
        }
        double o = Double.parseDouble(other[column]);
        return o == 0 ? "–" : String.format("%.2f×", Double.parseDouble(mine[column]) / o);
    }
}
