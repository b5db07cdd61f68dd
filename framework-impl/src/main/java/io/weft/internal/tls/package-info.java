/** TLS for the {@code weft/1} transport: settings, reloading contexts, pipeline handlers, peer identity. */
package io.weft.internal.tls;
