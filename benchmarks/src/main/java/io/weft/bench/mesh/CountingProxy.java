package io.weft.bench.mesh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on a loopback port that counts the bytes each way: what one registry client sends to
 * and receives from its server. One blocking thread per direction per connection (a consumer holds
 * one or two connections). Closing it closes every connection.
 */
final class CountingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final AtomicLong up = new AtomicLong();
    private final AtomicLong down = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    CountingProxy(InetSocketAddress target) {
        this.target = target;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accept = new Thread(this::accept, "counting-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /** {@code host:port} of the relay. */
    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Bytes from the client to the server so far. */
    long sent() {
        return up.get();
    }

    /** Bytes from the server to the client so far. */
    long received() {
        return down.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, up);
                pump(upstream, client, down);
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("counting proxy: " + e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    counter.addAndGet(n);
                }
            } catch (IOException e) {
                // the other side closed: close both below
            }
            closeQuietly(from);
            closeQuietly(to);
        }, "counting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(CountingProxy::closeQuietly);
    }
}
