package io.weft.bench.serialization;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A typical request/response DTO: a record with strings, numbers, a list of records, a time. */
public record OrderDto(long id, String customer, String email, Instant createdAt,
        List<Line> lines, List<String> tags, Optional<String> note, boolean paid) {

    /** One order line. */
    public record Line(String sku, int quantity, long priceCents) {
    }

    static OrderDto sample() {
        return new OrderDto(1_234_567L, "Ada Lovelace", "ada@example.org",
                Instant.ofEpochSecond(1_700_000_000L, 42),
                List.of(new Line("SKU-0001", 2, 1999), new Line("SKU-0042", 1, 4550),
                        new Line("SKU-1337", 12, 99)),
                List.of("priority", "gift"), Optional.of("leave at the door"), true);
    }
}
