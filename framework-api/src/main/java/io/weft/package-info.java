/**
 * The Weft API: what applications compile against. Start at {@link io.weft.Weft}.
 * Nothing here needs the implementation at compile time.
 */
package io.weft;
