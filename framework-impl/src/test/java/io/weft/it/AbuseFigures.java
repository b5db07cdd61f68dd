package io.weft.it;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.weft.Weft;
import io.weft.internal.serialization.HessianBombs;
import io.weft.internal.transport.FrameWriter;
import io.weft.internal.transport.Wire;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures what abusive input costs a provider (the figures of issue #12, items 2 and 3). Not a
 * test: run it by hand, before and after a change.
 *
 * <pre>
 * java -cp test-classpath io.weft.it.AbuseFigures bombs      # CPU and wall time per bomb request
 * java -cp test-classpath io.weft.it.AbuseFigures ping-flood # provider RSS under 300 MB of unread PINGs
 * java -cp test-classpath io.weft.it.AbuseFigures ping-flood 314572800 weft.server.max-pings-per-second 2000000000
 * </pre>
 *
 * Bombs run against an in-process provider; CPU is the sum of every thread's CPU time
 * ({@link ThreadMXBean}) from sending the request until its answer arrived (or 60 s passed) plus
 * 2 s for threads still spinning. The PING flood runs against a provider in its own JVM
 * ({@code -Xmx512m}) and reads its {@code VmRSS}/{@code VmHWM} from {@code /proc}.
 */
public final class AbuseFigures {
    private AbuseFigures() {}

    public static void main(String[] args) throws Exception {
        String what = args.length == 0 ? "bombs" : args[0];
        if (what.equals("provider")) { // the flooded provider's own JVM; settings as key value…
            Weft weft = Nodes.provider(new EchoServiceImpl("flooded"),
                    java.util.Arrays.copyOfRange(args, 1, args.length));
            System.out.println("READY " + weft.serverAddress().orElseThrow().getPort());
            System.out.flush();
            new java.util.concurrent.CountDownLatch(1).await();
        }
        if (what.equals("bombs")) {
            bombs(args.length > 1 ? Integer.parseInt(args[1]) : 28);
        } else {
            // ping-flood [bytes [provider settings as key value…]]
            pingFlood(args.length > 1 ? Long.parseLong(args[1]) : 300L << 20,
                    args.length > 2 ? java.util.Arrays.copyOfRange(args, 2, args.length) : new String[0]);
        }
        System.exit(0);
    }

    private static void bombs(int depth) throws Exception {
        Weft provider = Nodes.provider(new EchoServiceImpl("p"));
        int port = provider.serverAddress().orElseThrow().getPort();
        measure(port, "warm-up echo", request(1, Map.of(), hessianOf("hi")));
        byte[] nested = HessianBombs.nestedMapBomb(depth);
        measure(port, "nested-map back-reference bomb, depth " + depth + " (" + nested.length + " B body)",
                request(2, Map.of(), nested));
        byte[] lists = HessianBombs.collidingListKeys(20_000);
        measure(port, "20,000 colliding ArrayList keys (" + lists.length + " B body)", request(3, Map.of(), lists));
        Map<String, String> keys = collidingMetadataKeys(65_531);
        measure(port, "65,531 colliding metadata keys", request(4, keys, hessianOf("hi")));
        measure(port, "echo after the bombs", request(5, Map.of(), hessianOf("hi")));
    }

    private static void measure(int port, String name, byte[] frame) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = totalCpu(threads);
        long start = System.nanoTime();
        String outcome;
        try (RawPeer peer = RawPeer.connect(port)) {
            peer.send(frame);
            try {
                RawPeer.RawFrame answer = peer.readWithin(60_000);
                outcome = "kind " + answer.kind() + " status " + answer.status() + " "
                        + answer.metadata().getOrDefault(Wire.MESSAGE, "");
            } catch (IOException e) {
                outcome = "no answer: " + e;
            }
        }
        long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long cpuAtAnswer = totalCpu(threads) - cpuBefore;
        Thread.sleep(2000); // threads that keep spinning after the answer (or the socket closed)
        long cpuAfter = totalCpu(threads) - cpuBefore;
        System.out.printf("%-70s wall %6d ms, CPU %6d ms at answer, %6d ms 2 s later; %s%n", name, wallMs,
                TimeUnit.NANOSECONDS.toMillis(cpuAtAnswer), TimeUnit.NANOSECONDS.toMillis(cpuAfter),
                outcome.length() > 160 ? outcome.substring(0, 160) + "..." : outcome);
    }

    private static long totalCpu(ThreadMXBean threads) {
        long total = 0;
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t > 0) {
                total += t;
            }
        }
        return total;
    }

    static byte[] request(long id, Map<String, String> extra, byte[] body) throws IOException {
        Map<String, String> md = new LinkedHashMap<>();
        md.put(Wire.SERVICE, EchoService.class.getName());
        md.put(Wire.METHOD, "echo");
        md.put(Wire.APP, "raw");
        ByteBuf head = FrameWriter.request(ByteBufAllocator.DEFAULT, id, false, FrameWriter.encodeEntries(md),
                md.size(), -1, extra, new io.weft.internal.serialization.Hessian2Serialization(List.of()),
                new Object[0]);
        try {
            // Replace the body of the frame written for no arguments with the raw bytes given.
            byte[] bytes = ByteBufUtil.getBytes(head);
            int metadataLength = Unpooled.wrappedBuffer(bytes).getInt(16);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(bytes, 0, Wire.HEADER_LENGTH + metadataLength);
            out.write(body);
            byte[] frame = out.toByteArray();
            Unpooled.wrappedBuffer(frame).setInt(20, body.length);
            return frame;
        } finally {
            head.release();
        }
    }

    /** A REQUEST frame whose metadata is exactly {@code entries} (key, value, key, value…; duplicates kept). */
    static byte[] requestWithEntries(long id, byte[] body, String... entries) {
        ByteBuf metadata = Unpooled.buffer();
        metadata.writeShort(entries.length / 2);
        for (int i = 0; i < entries.length; i += 2) {
            byte[] key = entries[i].getBytes(StandardCharsets.UTF_8);
            byte[] value = entries[i + 1].getBytes(StandardCharsets.UTF_8);
            metadata.writeShort(key.length).writeBytes(key).writeInt(value.length).writeBytes(value);
        }
        ByteBuf frame = Unpooled.buffer();
        frame.writeShort(Wire.MAGIC).writeByte(Wire.VERSION).writeByte(1).writeByte(0)
                .writeByte(Wire.SERIALIZATION_HESSIAN2).writeShort(0).writeLong(id);
        frame.writeInt(metadata.readableBytes()).writeInt(body.length).writeBytes(metadata).writeBytes(body);
        metadata.release();
        return ByteBufUtil.getBytes(frame);
    }

    static byte[] hessianOf(Object... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new io.weft.internal.serialization.Hessian2Serialization(List.of()).write(args, out);
        return out.toByteArray();
    }

    /** {@code n} distinct metadata keys of the same String hash code ("Aa" and "BB" blocks). */
    static Map<String, String> collidingMetadataKeys(int n) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            StringBuilder key = new StringBuilder(32);
            for (int bit = 0; bit < 16; bit++) {
                key.append((i >>> bit & 1) == 0 ? "Aa" : "BB");
            }
            keys.put(key.toString(), "");
        }
        return keys;
    }

    private static void pingFlood(long bytes, String[] settings) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), AbuseFigures.class.getName(), "provider"));
        command.addAll(List.of(settings));
        Process provider = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(provider.getInputStream(),
                    StandardCharsets.UTF_8));
            int port = -1;
            for (String l; (l = lines.readLine()) != null; ) {
                if (l.startsWith("READY ")) {
                    port = Integer.parseInt(l.substring(6).trim());
                    break;
                }
            }
            Thread drain = new Thread(() -> {
                try {
                    for (String l; (l = lines.readLine()) != null; ) {
                        if (l.contains("OutOfMemoryError") || l.contains("GOAWAY") || l.contains("PING")) {
                            System.out.println("provider: " + l);
                        }
                    }
                } catch (IOException ignored) {
                    // provider gone
                }
            });
            drain.setDaemon(true);
            drain.start();
            long pid = provider.pid();
            System.out.println("provider pid " + pid + " before flood: " + memory(pid));
            byte[] chunk = new byte[24 * 4096];
            ByteBuf pings = Unpooled.wrappedBuffer(chunk);
            pings.writerIndex(0);
            for (int i = 0; i < 4096; i++) {
                ByteBuf ping = FrameWriter.ping(ByteBufAllocator.DEFAULT, i + 1);
                pings.writeBytes(ping);
                ping.release();
            }
            AtomicLong sent = new AtomicLong();
            long start = System.nanoTime();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setReceiveBufferSize(4096); // and never read: PONGs pile up on the provider
                OutputStream out = socket.getOutputStream();
                Thread writer = new Thread(() -> {
                    try {
                        while (sent.get() < bytes) {
                            out.write(chunk);
                            sent.addAndGet(chunk.length);
                        }
                    } catch (IOException e) {
                        System.out.println("flood write failed after " + (sent.get() >> 20) + " MB: " + e);
                    }
                });
                writer.setDaemon(true);
                writer.start();
                long lastSent = -1;
                long stalledSince = System.nanoTime();
                while (writer.isAlive() && provider.isAlive()) {
                    writer.join(1000);
                    long now = sent.get();
                    if (now != lastSent) {
                        lastSent = now;
                        stalledSince = System.nanoTime();
                    } else if (System.nanoTime() - stalledSince > TimeUnit.SECONDS.toNanos(10)) {
                        System.out.println("flood stalled for 10 s (provider stopped reading) after "
                                + (now >> 20) + " MB");
                        break;
                    }
                    System.out.println("  sent " + (now >> 20) + " MB; provider " + memory(pid));
                }
                System.out.println("after flood (" + (sent.get() >> 20) + " MB in "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms): "
                        + (provider.isAlive() ? memory(pid) : "provider exited " + provider.waitFor()));
                try (RawPeer peer = RawPeer.connect(port)) {
                    peer.send(request(1, Map.of(), hessianOf("still there?")));
                    System.out.println("an echo on another connection: status " + peer.readWithin(10_000).status());
                } catch (IOException e) {
                    System.out.println("an echo on another connection failed: " + e);
                }
            }
            System.out.println("provider " + (provider.isAlive() ? memory(pid) : "exited"));
        } finally {
            provider.destroyForcibly();
        }
    }

    private static String memory(long pid) throws IOException {
        StringBuilder s = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS") || line.startsWith("VmHWM")) {
                s.append(line.replaceAll("\\s+", " ")).append("; ");
            }
        }
        return s.toString();
    }
}
