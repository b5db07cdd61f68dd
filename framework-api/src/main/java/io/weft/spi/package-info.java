/**
 * Extension points: registries, serializations and the implementation itself, each found through
 * {@link java.util.ServiceLoader} and replaceable in code.
 */
package io.weft.spi;
