package io.weft.bench.compare;

import java.util.function.UnaryOperator;

/**
 * One RPC stack under comparison: it serves {@code String echo(String)} on a port and connects one
 * client (one connection, shared by every caller thread) to such a server.
 */
interface Stack {

    /** A running server. */
    interface Server extends AutoCloseable {
        /** Extra connection details a client of this stack needs (e.g. a registry address), or "-". */
        String info();

        @Override
        void close() throws Exception;

        /** A server with these connection details that {@code close} stops. */
        static Server of(String info, Closer close) {
            return new Server() {
                @Override
                public String info() {
                    return info;
                }

                @Override
                public void close() throws Exception {
                    close.close();
                }
            };
        }
    }

    /** Stops a server or a client. */
    @FunctionalInterface
    interface Closer {
        void close() throws Exception;
    }

    /** A connected client; {@link #echo} is called from many threads at once. */
    interface Client extends AutoCloseable {
        String echo(String text);

        @Override
        void close() throws Exception;

        /** A client whose calls go to {@code echo} and that {@code close} disconnects. */
        static Client of(UnaryOperator<String> echo, Closer close) {
            return new Client() {
                @Override
                public String echo(String text) {
                    return echo.apply(text);
                }

                @Override
                public void close() throws Exception {
                    close.close();
                }
            };
        }
    }

    Server serve(int port) throws Exception;

    Client connect(String host, int port, String info) throws Exception;

    /**
     * The stack with this name: {@code weft}, {@code dubbo} and {@code grpc} in their default
     * configuration (calls served on a thread pool), {@code weft-direct}, {@code dubbo-direct} and
     * {@code grpc-direct} with calls served on the I/O thread that read them ({@code
     * weft.server.dispatch=direct}, Dubbo {@code dispatcher=direct}, gRPC {@code directExecutor()}),
     * and {@code netty}, a raw echo on the event loop.
     */
    static Stack named(String name) {
        return switch (name) {
            case "weft" -> new WeftStack("pool");
            case "weft-direct" -> new WeftStack("direct");
            case "netty" -> new NettyStack();
            case "dubbo" -> new DubboStack(false);
            case "dubbo-direct" -> new DubboStack(true);
            case "grpc" -> new GrpcStack(false);
            case "grpc-direct" -> new GrpcStack(true);
            default -> throw new IllegalArgumentException("unknown stack " + name
                    + " (weft, weft-direct, netty, dubbo, dubbo-direct, grpc, grpc-direct)");
        };
    }
}
