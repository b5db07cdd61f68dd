package io.weft.spi;

/**
 * A compare-and-set write of a rule key failed: the key's revision was not the one expected.
 * Read the key again ({@link Registry#getRule}), reapply the change and retry.
 */
public class RevisionConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final long expectedRevision;
    private final long currentRevision;

    public RevisionConflictException(String key, long expectedRevision, long currentRevision) {
        super("revision conflict at " + key + ": expected " + describe(expectedRevision) + ", found "
                + describe(currentRevision));
        this.key = key;
        this.expectedRevision = expectedRevision;
        this.currentRevision = currentRevision;
    }

    private static String describe(long revision) {
        return revision == 0 ? "no key" : "revision " + revision;
    }

    /** The registry key written, e.g. {@code /weft/rules/io.weft.demo.Greeter/routing}. */
    public String key() {
        return key;
    }

    /** The revision the writer expected ({@code 0}: that the key does not exist). */
    public long expectedRevision() {
        return expectedRevision;
    }

    /**
     * The key's revision when the write was refused, {@code 0} when it did not exist. It may have
     * changed again since.
     */
    public long currentRevision() {
        return currentRevision;
    }
}
