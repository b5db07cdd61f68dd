package io.weft.bench.compare;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * gRPC-java over its shaded Netty transport; one unary method with a hand-written String marshaller.
 * By default server and channel run callbacks on gRPC's default executors; with {@code direct}, both
 * use {@code directExecutor()} (callbacks on the transport's threads).
 */
final class GrpcStack implements Stack {
    private static final MethodDescriptor.Marshaller<String> TEXT = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private static final MethodDescriptor<String, String> ECHO = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("bench.Echo", "echo"))
            .setRequestMarshaller(TEXT)
            .setResponseMarshaller(TEXT)
            .build();

    private final boolean direct;

    /** @param direct {@code directExecutor()} on server and channel; else gRPC's default executors */
    GrpcStack(boolean direct) {
        this.direct = direct;
    }

    @Override
    public Server serve(int port) throws Exception {
        ServerServiceDefinition service = ServerServiceDefinition.builder("bench.Echo")
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((String request, io.grpc.stub.StreamObserver<String> out) -> {
                    out.onNext(request);
                    out.onCompleted();
                }))
                .build();
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(service);
        if (direct) {
            builder.directExecutor();
        }
        io.grpc.Server server = builder.build().start();
        return Server.of("-", () -> server.shutdown().awaitTermination(5, TimeUnit.SECONDS));
    }

    @Override
    public Client connect(String host, int port, String info) {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(host, port).usePlaintext();
        if (direct) {
            builder.directExecutor();
        }
        ManagedChannel channel = builder.build();
        return Client.of(
                text -> ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT.withDeadlineAfter(5,
                        TimeUnit.SECONDS), text),
                () -> channel.shutdown().awaitTermination(5, TimeUnit.SECONDS));
    }
}
