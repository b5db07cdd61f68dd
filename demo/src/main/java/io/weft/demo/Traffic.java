package io.weft.demo;

import io.weft.RpcException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What the governance demos observe: {@code n} calls that each name the instance that answered,
 * counted by answer and by failure status, and printed as one line such as
 * {@code observed   canary route 80/20      1000 calls | canary 20%  stable 80%  | no failures}.
 */
final class Traffic {
    private Traffic() {}

    /** Answers by who answered and failures by status name. */
    record Outcome(Map<String, Integer> answeredBy, Map<String, Integer> failures) {
        int failed() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }

        int total() {
            return answeredBy.values().stream().mapToInt(Integer::intValue).sum() + failed();
        }
    }

    /** Makes {@code n} calls of {@code whoAnswered} one after another. */
    static Outcome calls(Supplier<String> whoAnswered, int n) {
        Map<String, Integer> answered = new TreeMap<>();
        Map<String, Integer> failures = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            try {
                answered.merge(whoAnswered.get(), 1, Integer::sum);
            } catch (RpcException e) {
                failures.merge(e.status().name(), 1, Integer::sum);
            }
        }
        return new Outcome(answered, failures);
    }

    /** Prints the {@code observed} line of {@code phase}. */
    static void report(PrintWriter out, String phase, Outcome o) {
        StringBuilder line = new StringBuilder(String.format("%-22s %4d calls | ", phase, o.total()));
        o.answeredBy().forEach((who, count) ->
                line.append(String.format("%s %.0f%%  ", who, 100.0 * count / o.total())));
        if (o.failed() == 0) {
            line.append("| no failures");
        } else {
            line.append("| failed ").append(o.failures());
        }
        out.println("observed   " + line);
        out.flush();
    }
}
