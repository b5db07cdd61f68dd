package io.weft.it;

import io.weft.Weft;
import java.util.concurrent.CountDownLatch;

/** A provider in its own JVM, so a test can kill it with SIGKILL. Prints {@code READY port}. */
public final class EchoProcess {
    private EchoProcess() {}

    public static void main(String[] args) throws InterruptedException {
        Weft weft = Nodes.provider(new EchoServiceImpl(args[0]));
        System.out.println("READY " + weft.serverAddress().orElseThrow().getPort());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
