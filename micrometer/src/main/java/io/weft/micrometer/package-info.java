/**
 * Micrometer metrics for Weft (DESIGN §10): {@link io.weft.micrometer.WeftMetrics}.
 */
package io.weft.micrometer;
