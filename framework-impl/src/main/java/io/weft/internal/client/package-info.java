/**
 * The consumer side: stubs, the client chain's cluster end, directories of providers, multiplexed connections.
 *
 * <p>Internal: public types here are for other Weft modules, not applications.
 */
package io.weft.internal.client;
