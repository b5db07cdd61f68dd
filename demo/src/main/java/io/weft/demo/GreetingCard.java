package io.weft.demo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The answer to a {@link GreetingRequest}.
 *
 * @param lines one {@code "Hello, NAME"} per requested name
 * @param issuedAt when the provider wrote the card
 * @param signedBy the provider's signature when one was asked for
 */
public record GreetingCard(List<String> lines, Instant issuedAt, Optional<String> signedBy) {}
