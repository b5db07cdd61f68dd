package io.weft.spring.boot;

import io.weft.ExportOptions;
import io.weft.Exported;
import io.weft.Weft;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Exports the {@link WeftService} beans when the context starts and closes the {@link Weft} when it stops.
 *
 * <p>Phase {@link #PHASE}: below the web server's lifecycles (Spring Boot stops its graceful-shutdown lifecycle at
 * {@code DEFAULT_PHASE - 1024} and the web server at {@code DEFAULT_PHASE - 2048}), so on shutdown the web server
 * first stops taking requests and drains them (and those requests may still call Weft references), then Weft
 * unregisters, sends GOAWAY, drains its own calls in flight ({@code weft.server.shutdown-timeout-ms}) and closes.
 * On start-up exports happen in the same phase, before the web server starts.
 */
final class WeftExports implements SmartLifecycle {
    /** {@code SmartLifecycle.DEFAULT_PHASE - 4096}. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final Weft weft;
    private final ListableBeanFactory beans;
    private final Environment environment;
    private final List<Exported> exported = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    WeftExports(Weft weft, ListableBeanFactory beans, Environment environment) {
        this.weft = weft;
        this.beans = beans;
        this.environment = environment;
    }

    @Override
    public void start() {
        for (Map.Entry<String, Object> bean : beans.getBeansWithAnnotation(WeftService.class).entrySet()) {
            export(bean.getKey(), bean.getValue());
        }
        running = true;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void export(String beanName, Object bean) {
        Class<?> target = AopUtils.getTargetClass(bean);
        // On the class, or on the @Bean method that made it.
        WeftService annotation = beans.findAnnotationOnBean(beanName, WeftService.class);
        Class serviceInterface = serviceInterface(beanName, target, annotation);
        ExportOptions.Builder options = ExportOptions.builder()
                .version(environment.resolvePlaceholders(annotation.version()))
                .weight(annotation.weight());
        for (String tag : annotation.tags()) {
            String resolved = environment.resolvePlaceholders(tag);
            int eq = resolved.indexOf('=');
            if (eq <= 0) {
                throw new IllegalStateException("@WeftService on bean '" + beanName + "': tag '" + resolved
                        + "' is not key=value");
            }
            options.tag(resolved.substring(0, eq).trim(), resolved.substring(eq + 1).trim());
        }
        exported.add(weft.export(serviceInterface, bean, options.build()));
    }

    static Class<?> serviceInterface(String beanName, Class<?> target, WeftService annotation) {
        if (annotation.value() != void.class) {
            if (!annotation.value().isAssignableFrom(target)) {
                throw new IllegalStateException("@WeftService on bean '" + beanName + "': " + target.getName()
                        + " does not implement " + annotation.value().getName());
            }
            return annotation.value();
        }
        Set<Class<?>> candidates = new LinkedHashSet<>();
        for (Class<?> i : ClassUtils.getAllInterfacesForClassAsSet(target)) {
            String name = i.getName();
            if (!name.startsWith("java.") && !name.startsWith("javax.") && !name.startsWith("jakarta.")
                    && !name.startsWith("org.springframework.") && !name.startsWith("groovy.")) {
                candidates.add(i);
            }
        }
        if (candidates.size() != 1) {
            List<String> names = new ArrayList<>();
            candidates.forEach(c -> names.add(c.getName()));
            throw new IllegalStateException("@WeftService on bean '" + beanName + "': " + target.getName()
                    + (candidates.isEmpty() ? " implements no service interface"
                            : " implements several interfaces " + names)
                    + "; name the one to export: @WeftService(Greeter.class)");
        }
        return candidates.iterator().next();
    }

    /** The exports, in the order they were made. */
    List<Exported> exported() {
        return List.copyOf(exported);
    }

    @Override
    public void stop() {
        running = false;
        weft.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
