package io.weft.spi;

/**
 * A compare-and-set write of a rule key failed: the key's revision was not the one expected.
 * Read the key again ({@link Registry#getRule}), reapply the change and retry.
 */
public class RevisionConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The registry key written. */
    private final String key;
    /** The revision the writer expected; 0 for "absent". */
    private final long expectedRevision;
    /** The revision found; 0 for "absent". */
    private final long currentRevision;

    /**
     * An exception whose message names the key and both revisions.
     *
     * @param key the registry key written
     * @param expectedRevision the revision the writer expected ({@code 0}: that the key does not exist)
     * @param currentRevision the revision found ({@code 0}: the key does not exist)
     */
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

    /**
     * The registry key written.
     *
     * @return e.g. {@code /weft/rules/io.weft.demo.Greeter/routing}
     */
    public String key() {
        return key;
    }

    /**
     * The revision the writer expected.
     *
     * @return the revision, or {@code 0}: that the key does not exist
     */
    public long expectedRevision() {
        return expectedRevision;
    }

    /**
     * The key's revision when the write was refused. It may have changed again since.
     *
     * @return the revision, or {@code 0} when the key did not exist
     */
    public long currentRevision() {
        return currentRevision;
    }
}
