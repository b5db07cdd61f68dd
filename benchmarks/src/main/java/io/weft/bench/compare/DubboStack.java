package io.weft.bench.compare;

import io.weft.bench.Echo;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

/**
 * Apache Dubbo: the {@code dubbo} protocol with Hessian 2 serialization, no registry; the client
 * reaches the provider by a direct URL (one shared connection, no retries). The provider serves with
 * Dubbo's default dispatcher ({@code all}: every call on its thread pool) or, with {@code direct},
 * {@code dispatcher=direct} (calls on the I/O thread).
 */
final class DubboStack implements Stack {
    private final boolean direct;

    /** @param direct {@code dispatcher=direct} on the provider's protocol; else Dubbo's default */
    DubboStack(boolean direct) {
        this.direct = direct;
    }

    private static ApplicationConfig application(String name) {
        ApplicationConfig app = new ApplicationConfig(name);
        app.setQosEnable(false);
        return app;
    }

    @Override
    public Server serve(int port) {
        ServiceConfig<Echo> service = new ServiceConfig<>();
        service.setInterface(Echo.class);
        service.setRef(text -> text);
        ProtocolConfig protocol = new ProtocolConfig("dubbo", port);
        protocol.setHost("127.0.0.1");
        protocol.setSerialization("hessian2");
        if (direct) {
            protocol.setDispatcher("direct");
        }
        DubboBootstrap bootstrap = DubboBootstrap.newInstance();
        bootstrap.application(application("bench-server")).registry(new RegistryConfig(RegistryConfig.NO_AVAILABLE))
                .protocol(protocol).service(service).start();
        return Server.of("-", () -> bootstrap.stop());
    }

    @Override
    public Client connect(String host, int port, String info) {
        ReferenceConfig<Echo> reference = new ReferenceConfig<>();
        reference.setInterface(Echo.class);
        reference.setUrl("dubbo://" + host + ":" + port + "/" + Echo.class.getName()
                + "?serialization=hessian2&prefer.serialization=hessian2");
        reference.setTimeout(5000);
        reference.setRetries(0);
        reference.setCheck(true);
        DubboBootstrap bootstrap = DubboBootstrap.newInstance();
        bootstrap.application(application("bench-client")).registry(new RegistryConfig(RegistryConfig.NO_AVAILABLE))
                .reference(reference).start();
        Echo echo = reference.get();
        return Client.of(echo::echo, () -> bootstrap.stop());
    }
}
