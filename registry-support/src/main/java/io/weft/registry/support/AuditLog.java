package io.weft.registry.support;

import java.util.List;

/**
 * The audit entries of one backend under {@code /{ns}/audit/} (DESIGN §5), named by {@link AuditKeys} so
 * that they sort by time. {@link AbstractRegistry} checks the registry is open and the arguments, then
 * calls this. Implementations are thread-safe and block at most the registry's timeout.
 */
public interface AuditLog {
    /** Appends one entry ({@code json} is not null). */
    void append(String json);

    /** The newest {@code limit} entries, newest first ({@code limit} is positive). */
    List<String> newest(int limit);
}
