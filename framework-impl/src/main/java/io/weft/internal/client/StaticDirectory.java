package io.weft.internal.client;

import io.weft.ServiceInstance;
import java.util.List;

/** Fixed provider addresses given in code ({@code ReferenceOptions.directAddress}); TLS as {@code weft.client.tls} says. */
final class StaticDirectory {
    private StaticDirectory() {}

    /** The providers at {@code addresses} ({@code host:port} each), with TLS when {@code tls}. */
    static Directory of(String service, List<String> addresses, boolean tls) {
        List<ServiceInstance> instances = addresses.stream().map(a -> {
            int colon = a.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("direct address must be host:port: " + a);
            }
            int port;
            try {
                port = Integer.parseInt(a.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("direct address has no valid port: " + a);
            }
            // start time unknown: no warm-up for addresses given in code
            // what the provider accepts is unknown: assume a Weft provider's (each call uses its first preference)
            return ServiceInstance.provider(service, "", a.substring(0, colon), port).withStartedAt(0).withTls(tls)
                    .withSerializations(Serializations.DEFAULT_PREFERENCE);
        }).toList();
        return Directory.of(() -> instances);
    }
}
