package io.weft.it;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A service whose signatures cover the JSON type mapping (DESIGN §4, serialization 2). */
public interface JsonProbe {
    enum Mood { HAPPY, GRUMPY }

    /** A record with the types JSON must map: a list, an instant, an optional, an enum, bytes, a map. */
    record Order(long id, List<String> items, Instant placedAt, Optional<String> note, Mood mood, byte[] blob,
                 Map<String, Integer> counts) {}

    String greet(String name);

    /** A line describing every component of {@code order} as the provider decoded it. */
    String describe(Order order);

    Order echoOrder(Order order);

    LocalDate dayAfter(LocalDate day);

    /** Untyped: whatever JSON arrives is plain maps, lists and values, never a class the input names. */
    String typeOf(Object value);

    String pick(String text);

    String pick(String text, int times);

    String pick(int number);

    void nothing();
}
