package io.weft.rule;

/** One problem in a rule: the field path ({@code routes[1].destinations[0].weight}) and what is wrong. */
public record RuleError(String path, String message) {
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
