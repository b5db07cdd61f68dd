/**
 * The provider side: listening socket, request dispatch through precomputed skeletons, business executor, graceful shutdown.
 *
 * <p>Internal: public types here are for other Weft modules, not applications.
 */
package io.weft.internal.server;
