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

    /** The stack with this name: {@code weft}, {@code netty}, {@code dubbo} or {@code grpc}. */
    static Stack named(String name) {
        return switch (name) {
            case "weft" -> new WeftStack();
            case "netty" -> new NettyStack();
            case "dubbo" -> new DubboStack();
            case "grpc" -> new GrpcStack();
            default -> throw new IllegalArgumentException("unknown stack " + name + " (weft, netty, dubbo, grpc)");
        };
    }
}
