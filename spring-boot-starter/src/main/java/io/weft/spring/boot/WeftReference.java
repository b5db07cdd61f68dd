package io.weft.spring.boot;

import io.weft.ClusterStrategy;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a Weft stub for the annotated field's or constructor parameter's interface type. Stubs are
 * shared: two injection points with the same type and options get the same stub. Unset attributes fall
 * back to the {@code weft.client.*} properties.
 *
 * <pre>{@code
 * @RestController
 * class HelloController {
 *     HelloController(@WeftReference(timeout = "500ms", loadBalancer = "round_robin") Greeter greeter) { ... }
 * }
 * }</pre>
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WeftReference {
    /** Deadline of each call: {@code 500ms}, {@code 3s}, or a number of milliseconds; empty for the default. */
    String timeout() default "";

    /** Load balancer ({@code p2c}, {@code random}, {@code round_robin}, {@code least_active}, {@code consistent_hash}). */
    String loadBalancer() default "";

    /** Cluster strategy; {@link ClusterStrategy} of {@code weft.client.cluster} when not given. */
    ClusterStrategy[] cluster() default {};

    /** Extra attempts after a retryable failure; negative for {@code weft.client.retries}. */
    int retries() default -1;

    /** {@code host:port} providers to call without the registry; empty to discover. */
    String[] directAddresses() default {};

    /** Serializations this reference may use, most preferred first ({@code hessian2}, {@code json}). */
    String[] serializations() default {};
}
