package io.weft.rule;

import java.util.List;
import java.util.stream.Collectors;

/** A rule failed validation; {@link #errors()} lists every problem with its field path. */
public final class RuleValidationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final List<RuleError> errors;

    public RuleValidationException(RuleKind kind, List<RuleError> errors) {
        super("invalid " + kind.key() + " rule: "
                + errors.stream().map(RuleError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<RuleError> errors() {
        return errors;
    }
}
