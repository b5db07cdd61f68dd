package io.weft;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code void} service method as one-way: the consumer sends the request with the
 * ONEWAY flag and returns at once; the provider sends no response. Failures on the provider are
 * not reported back. Only allowed on methods returning {@code void}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OneWay {}
