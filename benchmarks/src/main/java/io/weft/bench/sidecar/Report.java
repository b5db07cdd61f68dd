package io.weft.bench.sidecar;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The markdown of {@link ProxyHopBenchmark}: medians over the repeats, Istio/Envoy's published row, every run. */
final class Report {
    private Report() {}

    static String markdown(List<Proxies> rows, List<ProxyHopBenchmark.Run> runs, Map<String, long[]> idleRssKib,
                           int rate, int connections, int payload, int repeat, Duration warmup, Duration measure,
                           String nginxWorkers, String sidecarOpts, Instant at) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Machine: %d cores, %s, %s; run %s UTC, %d B JSON bodies, %d repeats "
                        + "(rows interleaved), each: C=%d closed loop (%d s warm-up, %d s measured), then %d req/s open "
                        + "loop (3 s warm-up, %d s measured). nginx: %s worker(s) per proxy. Sidecar JVM: ./sidecar.sh "
                        + "defaults (-Xmx64m -XX:+UseSerialGC)%s.%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), at.toString().substring(0, 16).replace('T', ' '), payload, repeat,
                connections, warmup.toSeconds(), measure.toSeconds(), rate, measure.toSeconds(), nginxWorkers,
                sidecarOpts.isBlank() ? "" : " + " + sidecarOpts));
        md.append("| row | C=").append(connections).append(" req/s | p50 @").append(rate)
                .append("/s µs | p90 µs | p99 µs | added p50 per hop µs | CPU µs/req/hop @").append(rate)
                .append("/s | CPU µs/req/hop @C=").append(connections)
                .append(" | RSS idle MiB/hop | RSS loaded MiB/hop | load avg (C / rate) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        double directP50 = median(runs, "direct", r -> r.p50());
        for (Proxies p : rows) {
            List<ProxyHopBenchmark.Run> mine = runs.stream().filter(r -> r.row().equals(p.name)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            double p50 = median(runs, p.name, r -> r.p50());
            boolean proxied = !p.hops.isEmpty();
            md.append(String.format(Locale.ROOT, "| %s | %,.0f | %.0f | %.0f | %.0f | %s | %s | %s | %s | %s | %s |%n",
                    p.name, median(runs, p.name, r -> r.throughput()), p50, median(runs, p.name, r -> r.p90()),
                    median(runs, p.name, r -> r.p99()),
                    proxied && !Double.isNaN(directP50) ? String.format(Locale.ROOT, "%.0f", (p50 - directP50) / 2) : "—",
                    proxied ? hops(p, runs, true) : "—", proxied ? hops(p, runs, false) : "—",
                    proxied ? mib(idleRssKib.get(p.name)) : "—",
                    proxied ? mib(mine.get(mine.size() - 1).rssLoadedKib()) : "—",
                    String.join(", ", mine.stream().map(r -> r.loadAtC() + " / " + r.loadAtRate()).toList())));
        }
        md.append("| Istio 1.10–1.15 Envoy (published) | | | +2,650 (pair) | | | 350 (0.35 vCPU per 1,000 req/s) | | ")
                .append("40 MB per 1,000 req/s | | |\n\n");
        md.append("Every run (medians above are over these):\n\n");
        md.append("| row | # | C req/s | C p50 µs | C p99 µs | p50 | p90 | p99 | CPU µs/req/hop @rate | @C | RSS loaded KiB | failed | load C / rate |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|---:|---|\n");
        for (ProxyHopBenchmark.Run r : runs) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %,.0f | %d | %d | %d | %d | %d | %s | %s | %s | %d | %s / %s |%n",
                    r.row(), r.repeat(), r.throughput(), r.c32p50(), r.c32p99(), r.p50(), r.p90(), r.p99(),
                    Arrays.toString(ProxyHopBenchmark.round(r.cpuAtRate())),
                    Arrays.toString(ProxyHopBenchmark.round(r.cpuAtC())), Arrays.toString(r.rssLoadedKib()), r.failed(),
                    r.loadAtC(), r.loadAtRate()));
        }
        return md.toString();
    }

    /** Per hop, "A / B": median over the repeats of each proxy's CPU per request. */
    private static String hops(Proxies p, List<ProxyHopBenchmark.Run> runs, boolean atRate) {
        StringBuilder s = new StringBuilder();
        for (int h = 0; h < p.hops.size(); h++) {
            int hop = h;
            double v = median(runs, p.name, r -> (atRate ? r.cpuAtRate() : r.cpuAtC())[hop]);
            s.append(h == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.1f", v));
        }
        return s.toString();
    }

    private static String mib(long[] kib) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < kib.length; i++) {
            s.append(i == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.0f", kib[i] / 1024.0));
        }
        return s.toString();
    }

    private static double median(List<ProxyHopBenchmark.Run> runs, String row, ToDoubleFunction<ProxyHopBenchmark.Run> f) {
        double[] v = runs.stream().filter(r -> r.row().equals(row)).mapToDouble(f).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
