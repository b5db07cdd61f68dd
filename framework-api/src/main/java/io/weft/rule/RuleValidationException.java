package io.weft.rule;

import java.util.List;
import java.util.stream.Collectors;

/** A rule failed validation; {@link #errors()} lists every problem with its field path. */
public final class RuleValidationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    /** Every problem found, in document order. */
    private final List<RuleError> errors;

    /**
     * An exception whose message is {@code invalid KIND rule: } followed by every error.
     *
     * @param kind the kind of rule that was read
     * @param errors every problem found (not empty); copied
     */
    public RuleValidationException(RuleKind kind, List<RuleError> errors) {
        super("invalid " + kind.key() + " rule: "
                + errors.stream().map(RuleError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    /**
     * The problems, each with its field path.
     *
     * @return an immutable list, in the order they were found
     */
    public List<RuleError> errors() {
        return errors;
    }
}
