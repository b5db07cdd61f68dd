package io.weft.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.HashedWheelTimer;
import io.weft.Deadline;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.internal.serialization.Hessian2Serialization;
import io.weft.internal.transport.Frame;
import io.weft.internal.transport.FrameDecoder;
import io.weft.internal.transport.FrameKind;
import io.weft.internal.transport.FrameWriter;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's write path and the failures it reports, over an in-VM Netty channel (no socket): a
 * request whose call has expired or been cancelled before the event loop writes it is never written
 * (nor followed by a CANCEL), and a failure read from the wire costs no stack trace on the event loop
 * while a blocking caller still sees where it called from.
 */
class ClientWritePathTest {
    interface Greeter {
        String greet(String name);
    }

    private static final HealthSettings HEALTH = new HealthSettings(0.5, 0.5, Duration.ofSeconds(1),
            Duration.ofSeconds(8), 0.5, Duration.ofSeconds(30), Duration.ofMillis(250), 8, Duration.ofSeconds(1));

    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(2);
    /** Frames the provider side received, in order. */
    private final Queue<Frame> received = new ConcurrentLinkedQueue<>();
    private HashedWheelTimer timer;
    private Status answer; // null: the provider answers nothing

    @AfterEach
    void close() {
        if (timer != null) {
            timer.stop();
        }
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private ClientConnection connect(HashedWheelTimer timer) throws Exception {
        this.timer = timer;
        LocalAddress address = new LocalAddress("provider-" + System.nanoTime());
        new ServerBootstrap().group(loops).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        ch.pipeline().addLast(new FrameDecoder(1 << 20), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                Frame frame = (Frame) msg;
                                received.add(frame);
                                if (answer != null && frame.kind() == FrameKind.REQUEST) {
                                    ctx.writeAndFlush(FrameWriter.errorResponse(ctx.alloc(), frame.id(), answer,
                                            "provider overloaded", null));
                                }
                            }
                        });
                    }
                }).bind(address).sync();
        ClientConnection connection = new ClientConnection(address.id(), new Hessian2Serialization(List.of()), timer,
                (a, e) -> { }, HEALTH);
        Channel ch = new Bootstrap().group(loops).channel(LocalChannel.class)
                .handler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        ch.pipeline().addLast(new FrameDecoder(1 << 20), connection);
                    }
                }).connect(address).sync().channel();
        connection.attach(ch, false);
        return connection;
    }

    private static ClientMethod greet() throws Exception {
        return new ClientMethod(Greeter.class.getName(), Greeter.class.getMethod("greet", String.class), false,
                Duration.ofSeconds(1), "app");
    }

    /** Blocks the connection's event loop until the returned latch is counted down. */
    private static CountDownLatch blockLoop(ClientConnection connection) {
        CountDownLatch release = new CountDownLatch(1);
        connection.channel.eventLoop().execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return release;
    }

    /** Sends a PING through the loop and waits until the provider has it: everything written before has arrived. */
    private List<Byte> kindsReceivedAfterDrain(ClientConnection connection) {
        connection.ping(5_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.stream().anyMatch(f -> f.kind() == FrameKind.PING));
        return received.stream().map(Frame::kind).toList();
    }

    @Test
    void requestWhoseDeadlinePassedWhileWaitingForTheEventLoopIsNotWrittenAndFailsWithDeadlineExceeded()
            throws Exception {
        ClientMethod method = greet(); // before any deadline starts: the first one loads classes
        ClientConnection connection = connect(new HashedWheelTimer(1, TimeUnit.HOURS)); // its deadline never fires
        CountDownLatch release = blockLoop(connection);
        Deadline deadline = Deadline.after(Duration.ofMillis(200));
        CompletableFuture<Object> result = connection.send(method, 1 << 1, new Object[] {"Ada"}, Map.of(),
                deadline, false, null);
        await().atMost(Duration.ofSeconds(5)).until(deadline::isExpired);
        release.countDown();

        Throwable failure = catchThrowable(() -> result.get(5, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(RpcException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(Status.DEADLINE_EXCEEDED);
                    assertThat(e.description()).contains("before", Greeter.class.getName() + ".greet", "written");
                });
        assertThat(kindsReceivedAfterDrain(connection)).containsExactly(FrameKind.PING);
        assertThat(connection.inFlight()).isZero();
    }

    @Test
    void callTimedOutBeforeTheEventLoopWroteItSendsNeitherRequestNorCancel() throws Exception {
        ClientMethod method = greet(); // before any deadline starts: the first one loads classes
        ClientConnection connection = connect(new HashedWheelTimer(5, TimeUnit.MILLISECONDS));
        CountDownLatch release = blockLoop(connection);
        CompletableFuture<Object> result = connection.send(method, 1 << 1, new Object[] {"Ada"}, Map.of(),
                Deadline.after(Duration.ofMillis(200)), false, null);
        await().atMost(Duration.ofSeconds(5)).until(result::isDone); // the timer failed it
        release.countDown();

        assertThat(kindsReceivedAfterDrain(connection)).containsExactly(FrameKind.PING);
    }

    @Test
    void cancelledBeforeTheEventLoopWroteItSendsNeitherRequestNorCancel() throws Exception {
        ClientMethod method = greet(); // before any deadline starts: the first one loads classes
        ClientConnection connection = connect(new HashedWheelTimer(5, TimeUnit.MILLISECONDS));
        CountDownLatch release = blockLoop(connection);
        OutgoingCall owner = new OutgoingCall(method, new Object[] {"Ada"}, Map.of(), null,
                Deadline.after(Duration.ofSeconds(5)));
        CompletableFuture<Object> result = connection.send(method, 1 << 1, new Object[] {"Ada"}, Map.of(),
                owner.deadline(), false, owner);
        owner.cancel();
        release.countDown();

        assertThat(result).isCompletedExceptionally();
        assertThat(kindsReceivedAfterDrain(connection)).containsExactly(FrameKind.PING);
    }

    @Test
    void writtenCallThatTimesOutIsFollowedByCancel() throws Exception {
        ClientMethod method = greet(); // before any deadline starts: the first one loads classes
        ClientConnection connection = connect(new HashedWheelTimer(5, TimeUnit.MILLISECONDS));
        CompletableFuture<Object> result = connection.send(method, 1 << 1, new Object[] {"Ada"}, Map.of(),
                Deadline.after(Duration.ofMillis(200)), false, null);
        await().atMost(Duration.ofSeconds(5)).until(result::isDone);

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        assertThat(received.stream().map(Frame::kind).toList()).containsExactly(FrameKind.REQUEST, FrameKind.CANCEL);
    }

    @Test
    void failureReadFromTheWireCarriesNoStackTraceOfItsOwn() throws Exception {
        answer = Status.RESOURCE_EXHAUSTED;
        ClientMethod method = greet(); // before any deadline starts: the first one loads classes
        ClientConnection connection = connect(new HashedWheelTimer(5, TimeUnit.MILLISECONDS));
        CompletableFuture<Object> result = connection.send(method, 1 << 1, new Object[] {"Ada"}, Map.of(),
                Deadline.after(Duration.ofSeconds(5)), false, null);

        Throwable failure = catchThrowable(() -> result.get(5, TimeUnit.SECONDS)).getCause();
        assertThat(failure).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.status()).isEqualTo(Status.RESOURCE_EXHAUSTED);
            assertThat(e.description()).isEqualTo("provider overloaded");
        });
        assertThat(failure.getStackTrace()).isEmpty();
    }

    @Test
    void blockingCallerOfAFailedCallSeesWhereItCalledFrom() {
        StubHandler handler = new StubHandler(Greeter.class.getName(), Map.of(greetMethod(), greetUnchecked()),
                call -> CompletableFuture.failedFuture(
                        new FailedCallException(Status.RESOURCE_EXHAUSTED, "provider overloaded")),
                Runnable::run);
        Greeter greeter = (Greeter) Proxy.newProxyInstance(Greeter.class.getClassLoader(),
                new Class<?>[] {Greeter.class}, handler);

        Throwable failure = catchThrowable(() -> greeter.greet("Ada"));
        assertThat(failure).isInstanceOf(RpcException.class);
        StackTraceElement[] stack = failure.getStackTrace();
        assertThat(stack).isNotEmpty();
        assertThat(stack).noneSatisfy(frame -> assertThat(frame.getClassName()).isEqualTo(StubHandler.class.getName()));
        assertThat(stack).anySatisfy(frame -> {
            assertThat(frame.getClassName()).isEqualTo(ClientWritePathTest.class.getName());
            assertThat(frame.getMethodName()).startsWith("lambda$blockingCallerOfAFailedCallSeesWhereItCalledFrom");
        });
    }

    private static java.lang.reflect.Method greetMethod() {
        try {
            return Greeter.class.getMethod("greet", String.class);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static ClientMethod greetUnchecked() {
        try {
            return greet();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
