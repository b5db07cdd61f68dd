package io.weft.internal.governance;

/**
 * A failure made by a governance rule (throttled, denied, unauthenticated, injected fault): which
 * rule kind and entry refused the call, for the {@code weft.governance.refusals} counter (DESIGN §10).
 */
public interface RuleRefusal {
    /** {@code throttling}, {@code security} or {@code faults}. */
    String kind();

    /** The refusing entry: its name, else a description such as {@code authentication}, {@code rules[2]}, {@code -}. */
    String rule();

    /** The entry's name, or {@code -} when it has none. */
    static String nameOf(String name) {
        return name == null || name.isEmpty() ? "-" : name;
    }
}
