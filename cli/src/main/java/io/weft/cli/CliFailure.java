package io.weft.cli;

import io.weft.RpcException;
import io.weft.WeftConfigException;
import io.weft.rules.RuleWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command failed: the exit code, the message (printed as {@code weft: message} on stderr), detail
 * lines printed under it (e.g. one per rule error) and fields for the {@code --json} error object.
 */
final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;
    private final transient List<String> details;
    private final transient Map<String, Object> fields;

    CliFailure(int exitCode, String message) {
        this(exitCode, message, List.of(), Map.of());
    }

    CliFailure(int exitCode, String message, List<String> details, Map<String, Object> fields) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.details = List.copyOf(details);
        this.fields = Map.copyOf(fields);
    }

    /** {@code e} as a failure: itself, or exit code 1 with a message naming what went wrong. */
    static CliFailure of(Exception e) {
        if (e instanceof CliFailure failure) {
            return failure;
        }
        if (e instanceof RpcException rpc) {
            return new CliFailure(WeftCli.FAILED, "registry: " + rpc.getMessage());
        }
        if (e instanceof RuleWriter.AuditFailedException) {
            return new CliFailure(WeftCli.FAILED, e.getMessage());
        }
        if (e instanceof WeftConfigException || e instanceof IllegalArgumentException) {
            return new CliFailure(WeftCli.FAILED, e.getMessage());
        }
        return new CliFailure(WeftCli.FAILED, e.toString());
    }

    int exitCode() {
        return exitCode;
    }

    /** What stderr shows. */
    List<String> lines() {
        List<String> lines = new ArrayList<>(1 + details.size());
        lines.add("weft: " + getMessage());
        details.forEach(d -> lines.add("  " + d));
        return lines;
    }

    /** The {@code --json} error object: {@code {"error": message, …fields}}. */
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", getMessage());
        json.putAll(fields);
        return json;
    }
}
