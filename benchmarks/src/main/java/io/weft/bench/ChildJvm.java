package io.weft.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/**
 * What the drivers that start provider JVMs ({@link EchoLoad}, {@link FaultScenarios}) share: the
 * {@code java} of this JVM, a free loopback port, and waiting for a child's {@code READY …} line.
 */
final class ChildJvm {
    private ChildJvm() {}

    /** The {@code java} launcher of the running JVM. */
    static String java() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    /** A port that was free a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Reads {@code child}'s output (stderr merged into stdout) up to its first line starting with
     * {@code READY} and returns that line; the rest of the output is then read and dropped by a daemon
     * thread, so the child never blocks on a full pipe.
     *
     * @param what names the child in the failure
     * @throws IllegalStateException when the child's output ends before {@code READY}
     */
    static String awaitReady(Process child, String what) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("READY")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // discard
                        }
                    } catch (IOException ignored) {
                        // gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return line;
            }
        }
        throw new IllegalStateException(what + " exited before READY");
    }
}
