package io.weft.sidecar;

/** Tear-down of what a test class started. */
final class Closing {
    private Closing() {
    }

    /** Closes each of {@code resources} that is not null (a set-up may have failed before it), in the order given. */
    static void closeAll(AutoCloseable... resources) throws Exception {
        for (AutoCloseable c : resources) {
            if (c != null) {
                c.close();
            }
        }
    }
}
