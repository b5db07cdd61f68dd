/**
 * Internal: the rule JSON codec and validator of DESIGN §6 ({@link RuleCodec}; {@link Cidr} for the
 * security rule's networks), an operator's rule change ({@link RuleWriter}) and the audit log read
 * back ({@link AuditHistory}), and the pure evaluation of rules ({@link Matcher}, {@link RouteSelector},
 * {@link LimitRates}) that the instances run and the console's preview runs too: the one implementation used by the instances ({@code framework-impl}),
 * the governance console and the CLI. Depends on the API, Jackson and SLF4J only. Public only so those
 * modules can use it; not an API, may change without notice.
 */
package io.weft.rules;
