/**
 * The governance rule model (DESIGN §6): immutable records for routing, throttling, faults and
 * security rules. The JSON form is a contract; parsing and validation live in the implementation.
 */
package io.weft.rule;
