package io.weft.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exports a Spring bean as a Weft service once the application context has started; the export is
 * closed (unregistered, drained) when the context stops.
 *
 * <pre>{@code
 * @Service
 * @WeftService(version = "1.0", tags = "zone=eu")
 * class GreeterImpl implements Greeter { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WeftService {
    /**
     * The service interface; by default the one interface the bean's class implements (it must be
     * given when the class implements several).
     */
    Class<?> value() default void.class;

    /** The version the instance registers ({@code ExportOptions.version}); empty for none. */
    String version() default "";

    /** The instance's weight, 1..1000 ({@code ExportOptions.weight}). */
    int weight() default 100;

    /** Tags as {@code key=value}, e.g. {@code "zone=eu"}; values may hold {@code ${...}} placeholders. */
    String[] tags() default {};
}
