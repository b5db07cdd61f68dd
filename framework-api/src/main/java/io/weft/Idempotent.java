package io.weft;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method (or every method of an interface) as safe to run more than once. The
 * {@link ClusterStrategy#FAILOVER failover} strategy retries a call that reached a provider and
 * failed with a retryable status only when its method is idempotent; a request that provably never
 * left the consumer is retried regardless.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Idempotent {}
