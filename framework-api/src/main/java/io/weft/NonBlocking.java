package io.weft;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a service method (or every method of an interface or implementation class) never
 * blocks: no I/O, no locks held long, no waiting on other calls. The provider then runs it on the
 * I/O thread that read its request, as {@code weft.server.dispatch=direct} does for every method,
 * and skips the hand-off to the business executor and back (the cheapest path: no second thread,
 * no wake-up; docs/architecture.md, "Pool dispatch").
 *
 * <p>Without it, methods run on the business executor, where a method that blocks holds one of
 * its threads and nothing else. A method marked here that does block stalls every connection of
 * its I/O thread for as long as it blocks: mark only methods that compute an answer from memory, or
 * that return a {@link java.util.concurrent.CompletionStage} they complete later. Interceptors run
 * on the same thread as the method. Put it on the interface (every provider of it) or on the
 * implementation class or method (this provider only).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface NonBlocking {}
