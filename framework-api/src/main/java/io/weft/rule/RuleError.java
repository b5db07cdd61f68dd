package io.weft.rule;

/**
 * One problem in a rule: the field path ({@code routes[1].destinations[0].weight}) and what is wrong.
 *
 * @param path where the problem is, in JSON path form; empty when it concerns the whole document
 *     (e.g. text that is not JSON)
 * @param message what is wrong there, e.g. {@code must be between 0 and 100}
 */
public record RuleError(String path, String message) {
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
