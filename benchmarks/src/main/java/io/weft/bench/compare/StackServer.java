package io.weft.bench.compare;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Runs one stack's echo server in this JVM: {@code StackServer STACK PORT}. Prints
 * {@code READY <port> <statsPort> <info>} once serving; a connection to the stats port receives one
 * {@link ProcessStats} line of this JVM. Stops on SIGTERM (the matrix script sends it by PID).
 */
public final class StackServer {
    private StackServer() {}

    public static void main(String[] args) throws Exception {
        Stack stack = Stack.named(args[0]);
        int port = Integer.parseInt(args[1]);
        Stack.Server server = stack.serve(port);
        ServerSocket stats = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread reporter = new Thread(() -> {
            while (!stats.isClosed()) {
                try (Socket s = stats.accept(); OutputStream out = s.getOutputStream()) {
                    out.write((ProcessStats.now().encode() + "\n").getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    // closed, or the client went away: nothing to report
                }
            }
        }, "stats-reporter");
        reporter.setDaemon(true);
        reporter.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stats.close();
                server.close();
            } catch (Exception e) {
                System.err.println("closing " + args[0] + " failed: " + e);
            }
        }));
        System.out.println("READY " + port + " " + stats.getLocalPort() + " " + server.info());
        System.out.flush();
        Thread.currentThread().join();
    }
}
