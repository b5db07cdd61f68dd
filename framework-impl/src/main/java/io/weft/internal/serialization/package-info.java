/**
 * Hessian 2 serialization with a class allow-list (DESIGN §4). Everything here is internal; the
 * only public type is {@link io.weft.internal.serialization.Hessian2Serialization}, the {@link
 * io.weft.spi.Serialization} the transport uses. Parameters and results are non-null unless a
 * method says otherwise.
 */
package io.weft.internal.serialization;
