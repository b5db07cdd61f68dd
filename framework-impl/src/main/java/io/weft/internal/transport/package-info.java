/**
 * The {@code weft/1} wire protocol on Netty: frame decoding with limits, in-place frame encoding, event loops.
 *
 * <p>Internal: public types here are for other Weft modules, not applications.
 */
package io.weft.internal.transport;
