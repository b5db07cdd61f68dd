/**
 * The governance console: a small web application (REST API + static browser UI) over a
 * {@link io.weft.spi.Registry} that shows services, providers and consumers, and edits governance
 * rules with the same validator the instances use. Entry points: {@link io.weft.console.ConsoleMain}
 * (command line) and {@link io.weft.console.GovernanceConsole} (embedded, e.g. by the demo).
 */
package io.weft.console;
