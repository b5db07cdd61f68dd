package io.weft.demo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Asks for one greeting card addressed to several people: a record with a {@code List}, an
 * {@code Instant} and an {@code Optional}, as modern service interfaces use them.
 *
 * @param names who to greet, in order
 * @param sentAt when the consumer sent the request
 * @param signature how to sign the card, if at all
 */
public record GreetingRequest(List<String> names, Instant sentAt, Optional<String> signature) {}
