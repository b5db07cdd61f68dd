package io.weft.internal.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.internal.serialization.fixture.api.Drawing;
import io.weft.internal.serialization.fixture.api.Point;
import io.weft.internal.serialization.fixture.api.Shape;
import io.weft.internal.serialization.fixture.refused.UnlistedRecord;
import io.weft.spi.SerializationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java 17 value matrix of issue 8: records, immutable collections, {@code java.time} and the
 * {@code Optional} family round-trip as equal values, on Java 17 without {@code --add-opens} and
 * without configuration beyond admitting the service package.
 */
class Java17ValueRoundTripTest extends Hessian2Fixture {

    private static final Point ORIGIN = new Point(0, 0);
    private static final Instant INSTANT = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);

    static Stream<Arguments> records() {
        Shape circle = new Shape.Circle(new Point(1, 2), 3.5);
        Shape polygon = new Shape.Polygon(List.of(ORIGIN, new Point(4, 0), new Point(0, 3)));
        return Stream.of(
                named("record of primitives", new Point(3, -4)),
                named("record in a sealed hierarchy", circle),
                named("record holding a list of records", polygon),
                named("record nesting every kind", new Drawing("plan", List.of(circle, polygon),
                        Map.of("origin", ORIGIN), INSTANT, Optional.of("draft"), circle)),
                named("record with null components", new Drawing(null, null, null, null, null, null)),
                named("record with empty components", new Drawing("", List.of(), Map.of(),
                        Instant.EPOCH, Optional.empty(), new Shape.Polygon(List.of()))),
                named("list of records", List.of(new Point(1, 1), new Point(2, 2))),
                named("map of records", Map.of("a", new Point(1, 1), "b", circle)),
                named("set of records", Set.of(new Point(1, 1), new Point(2, 2))),
                named("array of sealed records", new Shape[] {circle, polygon, null}),
                named("optional record", Optional.of(circle)));
    }

    static Stream<Arguments> immutableCollections() {
        return Stream.of(
                named("List.of()", List.of()),
                named("List.of(1)", List.of(1)),
                named("List.of(1, 2)", List.of(1, 2)),
                named("List.of(1..5)", List.of(1, 2, 3, 4, 5)),
                named("List.copyOf", List.copyOf(new ArrayList<>(List.of("a", "b", "c")))),
                named("Set.of()", Set.of()),
                named("Set.of(1)", Set.of(1)),
                named("Set.of(1, 2)", Set.of(1, 2)),
                named("Set.of(1..5)", Set.of(1, 2, 3, 4, 5)),
                named("Map.of()", Map.of()),
                named("Map.of(k, v)", Map.of("a", 1)),
                named("Map.of(3 entries)", Map.of("a", 1, "b", 2, "c", 3)),
                named("Map.ofEntries", Map.ofEntries(Map.entry("k", List.of(1)))),
                named("unmodifiableList", Collections.unmodifiableList(new ArrayList<>(List.of(1, 2)))),
                named("unmodifiableList of LinkedList",
                        Collections.unmodifiableList(new java.util.LinkedList<>(List.of(1, 2)))),
                named("unmodifiableCollection",
                        Collections.unmodifiableCollection(new ArrayList<>(List.of(1, 2)))),
                named("unmodifiableSet", Collections.unmodifiableSet(new HashSet<>(Set.of(1, 2)))),
                named("unmodifiableSortedSet", Collections.unmodifiableSortedSet(new TreeSet<>(Set.of(2, 1)))),
                named("unmodifiableMap", Collections.unmodifiableMap(new HashMap<>(Map.of("a", 1)))),
                named("unmodifiableSortedMap",
                        Collections.unmodifiableSortedMap(new TreeMap<>(Map.of("b", 2, "a", 1)))),
                named("emptyList", Collections.emptyList()),
                named("emptySet", Collections.emptySet()),
                named("emptyMap", Collections.emptyMap()),
                named("singletonList", Collections.singletonList("s")),
                named("singleton", Collections.singleton("s")),
                named("singletonMap", Collections.singletonMap("k", "v")),
                named("nested immutables", Map.of("k", List.of(Set.of(1), Map.of("n", List.of())))));
    }

    static Stream<Arguments> javaTime() {
        return Stream.of(
                named("Instant", INSTANT),
                named("Instant.EPOCH", Instant.EPOCH),
                named("Instant.MIN", Instant.MIN),
                named("Duration", Duration.ofSeconds(90_061, 1)),
                named("negative Duration", Duration.ofMillis(-1)),
                named("LocalDate", LocalDate.of(2024, 2, 29)),
                named("LocalTime", LocalTime.of(7, 8, 9, 10)),
                named("LocalDateTime", LocalDateTime.of(2024, 2, 29, 23, 59, 58, 1)),
                named("OffsetDateTime", OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 5, ZoneOffset.ofHours(-5))),
                named("ZonedDateTime in a region",
                        ZonedDateTime.of(2024, 10, 27, 2, 30, 0, 0, ZoneId.of("Europe/Paris"))),
                named("ZonedDateTime at an offset", ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)),
                named("ZoneId region", ZoneId.of("Asia/Tokyo")),
                named("ZoneId offset", ZoneOffset.ofHoursMinutes(5, 30)),
                named("Period", Period.of(1, -2, 3)),
                named("Year", Year.of(2024)),
                named("YearMonth", YearMonth.of(2024, 2)),
                named("MonthDay", MonthDay.of(2, 29)));
    }

    static Stream<Arguments> optionals() {
        return Stream.of(
                named("Optional.of", Optional.of("x")),
                named("Optional.empty", Optional.empty()),
                named("Optional of a list", Optional.of(List.of(1, 2))),
                named("Optional of Instant", Optional.of(INSTANT)),
                named("OptionalInt.of", OptionalInt.of(-7)),
                named("OptionalInt.empty", OptionalInt.empty()),
                named("OptionalLong.of", OptionalLong.of(Long.MIN_VALUE)),
                named("OptionalLong.empty", OptionalLong.empty()),
                named("OptionalDouble.of", OptionalDouble.of(2.5)),
                named("OptionalDouble.empty", OptionalDouble.empty()),
                named("list of optionals", List.of(Optional.of(1), Optional.empty(), OptionalInt.of(3))),
                named("map of optionals", new LinkedHashMap<>(Map.of("a", OptionalLong.of(1)))));
    }

    static Stream<Arguments> nullsAndEmpties() {
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("k", null);
        return Stream.of(
                named("null", null),
                named("list holding null", withNull),
                named("map with a null value", nullValue),
                named("empty ArrayList", new ArrayList<>()),
                named("empty HashMap", new HashMap<>()),
                named("argument array of every kind", new Object[] {
                        new Point(1, 2), List.of(INSTANT), Optional.empty(), OptionalInt.of(1),
                        Map.of(), null, Duration.ZERO}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"records", "immutableCollections", "optionals", "nullsAndEmpties"})
    void recordsCollectionsOptionalsNullsAndEmptiesRoundTripAsEqualValues(Object value) throws IOException {
        assertRoundTrips(value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaTime")
    void javaTimeValuesRoundTripAsEqualValuesOfTheSameType(Object value) throws IOException {
        assertRoundTrips(value);
        assertThat(roundTrip(value)).isExactlyInstanceOf(value.getClass());
    }

    @Test
    void sharedRecordsStaySharedAndLaterBackReferencesResolveToTheRightObject() throws IOException {
        Point shared = new Point(7, 7);
        Shape polygon = new Shape.Polygon(List.of(new Point(1, 1), shared));
        Object[] back = (Object[]) roundTrip(new Object[] {polygon, shared, polygon});
        assertThat(back[0]).isEqualTo(polygon);
        assertThat(back[1]).isEqualTo(shared).isSameAs(((Shape.Polygon) back[0]).corners().get(1));
        assertThat(back[2]).isSameAs(back[0]);
    }

    @Test
    void recordsOutsideTheAllowedPackagesAreRefusedByName() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serialization.write(List.of(new UnlistedRecord("x")), out);

        assertThatThrownBy(() -> serialization.read(new ByteArrayInputStream(out.toByteArray())))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(UnlistedRecord.class.getName())
                .hasMessageContaining("not allowed");
    }

    private void assertRoundTrips(Object value) throws IOException {
        Object back = roundTrip(value);
        if (value instanceof Object[] array) {
            assertThat(back).isInstanceOf(Object[].class);
            assertThat((Object[]) back).containsExactly(array);
            return;
        }
        if (value instanceof Collection<?> collection && !(value instanceof List)
                && !(value instanceof Set)) {
            // Collections.unmodifiableCollection has identity equals: compare the elements.
            assertThat(back).asInstanceOf(InstanceOfAssertFactories.collection(Object.class))
                    .containsExactlyElementsOf(collection);
            return;
        }
        assertThat(back).isEqualTo(value);
        if (value instanceof Record) {
            assertThat(back).isExactlyInstanceOf(value.getClass());
        }
    }

    private static Arguments named(String name, Object value) {
        return Arguments.of(Named.of(name, value));
    }
}
