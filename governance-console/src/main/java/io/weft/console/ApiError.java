package io.weft.console;

import io.weft.rule.RuleError;
import java.util.List;

/**
 * An HTTP error answer of the REST API: the status and a JSON body {@code {"error": message}}, plus
 * {@code "errors": [{"path", "message"}]} for an invalid rule, or {@code "neededRole"} for a 403 of a role.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<RuleError> errors;

    ApiError(int status, String message) {
        this(status, message, List.of());
    }

    private final String neededRole;

    ApiError(int status, String message, List<RuleError> errors) {
        this(status, message, errors, null);
    }

    private ApiError(int status, String message, List<RuleError> errors, String neededRole) {
        super(message, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.neededRole = neededRole;
    }

    /** 403 for {@code who}, whose role does not include {@code needed}; the body names the role needed. */
    static ApiError forbidden(Principal who, Role needed) {
        return new ApiError(403, "this needs the " + needed.word() + " role; " + who.name() + " has "
                + who.role().word(), List.of(), needed.word());
    }

    /** The role a 403 asks for, or null. */
    String neededRole() {
        return neededRole;
    }

    int status() {
        return status;
    }

    List<RuleError> errors() {
        return errors;
    }
}
