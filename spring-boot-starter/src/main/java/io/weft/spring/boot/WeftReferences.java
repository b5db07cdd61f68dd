package io.weft.spring.boot;

import io.weft.ReferenceOptions;
import io.weft.Weft;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The stubs that {@link WeftReference} injection points receive, one per interface and options. Used by the
 * field injector and the constructor-parameter resolver; the {@link Weft} is looked up on first use.
 */
final class WeftReferences {
    private record Key(Class<?> type, ReferenceOptions options) {
    }

    private final BeanFactory beanFactory;
    private final Map<Key, Object> stubs = new ConcurrentHashMap<>();

    WeftReferences(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    /** The stub for {@code type} with the options of {@code annotation}; {@code where} names the injection point. */
    Object stub(Class<?> type, WeftReference annotation, Object where) {
        if (!type.isInterface()) {
            throw new IllegalStateException("@WeftReference on " + where + ": " + type.getName()
                    + " is not an interface (a Weft stub implements the service interface)");
        }
        ReferenceOptions options;
        try {
            options = options(annotation, beanFactory.getBean(Environment.class));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("@WeftReference on " + where + ": " + e.getMessage(), e);
        }
        return stubs.computeIfAbsent(new Key(type, options),
                key -> beanFactory.getBean(Weft.class).reference(key.type(), key.options()));
    }

    static ReferenceOptions options(WeftReference annotation, Environment environment) {
        ReferenceOptions.Builder options = ReferenceOptions.builder();
        String timeout = environment.resolvePlaceholders(annotation.timeout()).trim();
        if (!timeout.isEmpty()) {
            options.timeout(DurationStyle.detectAndParse(timeout));
        }
        String balancer = environment.resolvePlaceholders(annotation.loadBalancer()).trim();
        if (!balancer.isEmpty()) {
            options.loadBalancer(balancer);
        }
        if (annotation.cluster().length > 1) {
            throw new IllegalArgumentException("cluster takes one strategy");
        }
        if (annotation.cluster().length == 1) {
            options.cluster(annotation.cluster()[0]);
        }
        if (annotation.retries() >= 0) {
            options.retries(annotation.retries());
        }
        for (String address : annotation.directAddresses()) {
            String resolved = environment.resolvePlaceholders(address);
            for (String one : StringUtils.commaDelimitedListToStringArray(resolved)) {
                if (!one.isBlank()) {
                    options.directAddress(one.trim());
                }
            }
        }
        if (annotation.serializations().length > 0) {
            options.serializations(annotation.serializations());
        }
        return options.build();
    }
}
