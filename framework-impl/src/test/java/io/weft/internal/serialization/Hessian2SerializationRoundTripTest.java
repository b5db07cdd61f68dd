package io.weft.internal.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.internal.serialization.fixture.api.Greeting;
import io.weft.internal.serialization.fixture.api.Mood;
import io.weft.internal.serialization.fixture.api.Person;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Currency;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Hessian2SerializationRoundTripTest extends Hessian2Fixture {

    @Test
    void identifiesItselfAsHessian2WithWireIdOne() {
        assertThat(serialization.id()).isEqualTo(1);
        assertThat(serialization.name()).isEqualTo("hessian2");
    }

    @Test
    void roundTripsStringsIncludingLongAndNonAscii() throws IOException {
        assertThat(roundTrip("")).isEqualTo("");
        assertThat(roundTrip("hello")).isEqualTo("hello");
        String nonAscii = "grüße, 你好, emoji \uD83D\uDE00, null char \u0000";
        assertThat(roundTrip(nonAscii)).isEqualTo(nonAscii);
        String fourKib = "abcdéfgh".repeat(512);
        assertThat(roundTrip(fourKib)).isEqualTo(fourKib);
        String hundredKib = "x".repeat(100 * 1024); // more than one Hessian string chunk
        assertThat(roundTrip(hundredKib)).isEqualTo(hundredKib);
    }

    @Test
    void roundTripsNullAndPrimitivesAsHessianDefines() throws IOException {
        assertThat(roundTrip(null)).isNull();
        assertThat(roundTrip(true)).isEqualTo(true);
        assertThat(roundTrip(42)).isEqualTo(42);
        assertThat(roundTrip(Integer.MIN_VALUE)).isEqualTo(Integer.MIN_VALUE);
        assertThat(roundTrip(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(roundTrip(2.5d)).isEqualTo(2.5d);
        // Hessian has no byte, short, float or char: untyped they come back widened.
        assertThat(roundTrip((byte) 7)).isEqualTo(7);
        assertThat(roundTrip((short) 7)).isEqualTo(7);
        assertThat(roundTrip(1.5f)).isEqualTo(1.5d);
        assertThat(roundTrip('c')).isEqualTo("c");
    }

    @Test
    void roundTripsArrays() throws IOException {
        byte[] bytes = new byte[70_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        assertThat((byte[]) roundTrip(bytes)).isEqualTo(bytes);
        assertThat((int[]) roundTrip(new int[] {1, -2, 3})).containsExactly(1, -2, 3);
        assertThat((String[]) roundTrip(new String[] {"a", null})).containsExactly("a", null);
        assertThat((Integer[]) roundTrip(new Integer[] {1, 2})).containsExactly(1, 2);
        assertThat((String[][]) roundTrip(new String[][] {{"a"}, {"b", "c"}}))
                .isDeepEqualTo(new String[][] {{"a"}, {"b", "c"}});
        Person[] people = {new Person("ann", 3, null)};
        assertThat((Person[]) roundTrip(people)).containsExactly(people);
    }

    @Test
    void roundTripsArgumentArrays() throws IOException {
        Object[] args = {"name", 7, List.of("x"), new Person("bo", 40, null), null, new byte[] {1}};
        Object[] back = (Object[]) roundTrip(args);
        assertThat(back).hasSize(args.length);
        assertThat(back[0]).isEqualTo("name");
        assertThat(back[1]).isEqualTo(7);
        assertThat(back[2]).isEqualTo(List.of("x"));
        assertThat(back[3]).isEqualTo(new Person("bo", 40, null));
        assertThat(back[4]).isNull();
        assertThat((byte[]) back[5]).containsExactly(1);
    }

    static List<Object> collections() {
        return List.of(
                new ArrayList<>(List.of(1, 2)), new LinkedList<>(List.of("a")),
                new HashMap<>(Map.of("k", 1)), new LinkedHashMap<>(Map.of("k", 1)),
                new TreeMap<>(Map.of("b", 2, "a", 1)), new java.util.HashSet<>(Set.of(1)),
                new LinkedHashSet<>(List.of(3, 1, 2)), new TreeSet<>(Set.of(2, 1)),
                new ConcurrentHashMap<>(Map.of("k", "v")), new CopyOnWriteArrayList<>(List.of(1)),
                List.of(), List.of(1), List.of(1, 2, 3), Map.of(), Map.of("a", 1),
                Map.of("a", 1, "b", 2), Set.of(1), Set.of(1, 2, 3),
                Collections.unmodifiableList(new ArrayList<>(List.of(1, 2))),
                Collections.unmodifiableMap(new HashMap<>(Map.of("a", 1))),
                Collections.unmodifiableSet(new java.util.HashSet<>(Set.of(1))),
                Collections.emptyList(), Collections.emptyMap(), Collections.singletonList("s"),
                java.util.Arrays.asList(1, 2));
    }

    @ParameterizedTest
    @MethodSource("collections")
    void roundTripsCollectionsAsEqualValues(Object collection) throws IOException {
        assertThat(roundTrip(collection)).isEqualTo(collection);
    }

    @Test
    void roundTripsCollectionsOfTheSameConcreteTypeWhenTheStreamNamesIt() throws IOException {
        assertThat(roundTrip(new LinkedList<>(List.of(1)))).isInstanceOf(LinkedList.class);
        assertThat(roundTrip(new TreeMap<>(Map.of("a", 1)))).isInstanceOf(TreeMap.class);
        assertThat(roundTrip(new ArrayDeque<>(List.of(1, 2))))
                .isInstanceOf(ArrayDeque.class)
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.collection(Integer.class))
                .containsExactly(1, 2);
        // JDK-internal immutable and wrapper collections come back as plain mutable ones.
        assertThat(roundTrip(List.of(1, 2, 3))).isInstanceOf(ArrayList.class);
        assertThat(roundTrip(Map.of("a", 1))).isInstanceOf(HashMap.class);
        assertThat(roundTrip(Collections.unmodifiableList(new ArrayList<>(List.of(1)))))
                .isInstanceOf(ArrayList.class);
    }

    @Test
    void roundTripsJdkValueTypes() throws IOException {
        UUID uuid = UUID.randomUUID();
        assertThat(roundTrip(uuid)).isEqualTo(uuid);
        assertThat(roundTrip(new BigDecimal("-12345.678900"))).isEqualTo(new BigDecimal("-12345.678900"));
        assertThat(roundTrip(new BigInteger("123456789012345678901234567890")))
                .isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(roundTrip(new Date(1_700_000_000_000L))).isEqualTo(new Date(1_700_000_000_000L));
        assertThat(roundTrip(Locale.CANADA_FRENCH)).isEqualTo(Locale.CANADA_FRENCH);
        assertThat(roundTrip(Currency.getInstance("EUR"))).isEqualTo(Currency.getInstance("EUR"));
        assertThat(roundTrip(BitSet.valueOf(new long[] {0b1011}))).isEqualTo(BitSet.valueOf(new long[] {0b1011}));
        assertThat(roundTrip(Optional.of("x"))).isEqualTo(Optional.of("x"));
        assertThat(roundTrip(Optional.empty())).isEqualTo(Optional.empty());
    }

    @Test
    void roundTripsEnumsEnumSetsRecordsAndPojosOfAnAdmittedPackage() throws IOException {
        assertThat(roundTrip(Mood.GRUMPY)).isSameAs(Mood.GRUMPY);
        assertThat(roundTrip(EnumSet.of(Mood.HAPPY))).isEqualTo(EnumSet.of(Mood.HAPPY));
        Greeting greeting = new Greeting("hi", 2, List.of("a", "b"), Mood.HAPPY);
        assertThat(roundTrip(greeting)).isEqualTo(greeting);
        Person person = new Person("zoë", 31, Map.of("nested", new Person("kid", 1, null)));
        assertThat(roundTrip(person)).isEqualTo(person);
    }

    @Test
    void keepsSharedAndCyclicReferences() throws IOException {
        List<Object> cyclic = new ArrayList<>();
        cyclic.add("head");
        cyclic.add(cyclic);
        List<?> back = (List<?>) roundTrip(cyclic);
        assertThat(back.get(1)).isSameAs(back);

        Person shared = new Person("s", 1, null);
        Object[] both = (Object[]) roundTrip(new Object[] {shared, shared});
        assertThat(both[0]).isSameAs(both[1]);
    }

    /**
     * hessian-lite 4.0.3 handles these java.time types on Java 17 without {@code --add-opens}: it
     * writes its own handle classes (e.g. {@code java8.InstantHandle}) that the allow-list admits.
     */
    @Test
    void roundTripsJavaTimeTypesOnJava17WithoutAddOpens() throws IOException {
        List<Object> values = List.of(
                Instant.ofEpochSecond(1_700_000_000L, 123_456_789),
                LocalDate.of(2024, 2, 29),
                Duration.ofMillis(90_061_001),
                LocalDateTime.of(2024, 2, 29, 23, 59, 58, 1),
                LocalTime.of(7, 8, 9),
                ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneId.of("Europe/Paris")),
                OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-5)),
                ZoneId.of("Asia/Tokyo"),
                ZoneOffset.ofHoursMinutes(5, 30),
                Period.of(1, 2, 3),
                java.time.Year.of(2024),
                java.time.YearMonth.of(2024, 2),
                java.time.MonthDay.of(2, 29));
        for (Object value : values) {
            assertThat(roundTrip(value)).as(value.getClass().getName()).isEqualTo(value);
        }
    }

    @Test
    void writeFlushesTheWholeValueToTheStream() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serialization.write("x".repeat(10), out);
        assertThat(out.toByteArray()).hasSize(11); // 1 length byte + 10 chars, nothing held back
    }
}
