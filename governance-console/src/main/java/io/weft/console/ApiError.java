package io.weft.console;

import io.weft.rule.RuleError;
import java.util.List;

/**
 * An HTTP error answer of the REST API: the status and a JSON body {@code {"error": message}}, plus
 * {@code "errors": [{"path", "message"}]} for an invalid rule.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<RuleError> errors;

    ApiError(int status, String message) {
        this(status, message, List.of());
    }

    ApiError(int status, String message, List<RuleError> errors) {
        super(message, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    int status() {
        return status;
    }

    List<RuleError> errors() {
        return errors;
    }
}
