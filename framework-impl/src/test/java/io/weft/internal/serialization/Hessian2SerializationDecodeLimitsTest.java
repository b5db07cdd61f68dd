package io.weft.internal.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.internal.serialization.fixture.api.Greeting;
import io.weft.internal.serialization.fixture.api.Mood;
import io.weft.spi.SerializationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Decoding work is bounded whatever the input: the hash-code bombs of issue #12 and the limits. */
class Hessian2SerializationDecodeLimitsTest extends Hessian2Fixture {

    @Test
    void nestedMapBackReferenceBombIsRefusedBeforeItsKeyIsHashed() {
        // Depth 22: ~4 million map visits to hash the key before the fix, none after.
        byte[] bomb = HessianBombs.nestedMapBomb(22);
        assertThat(bomb.length).isLessThan(200);
        assertThatThrownBy(() -> read(serialization, bomb))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("map key may not be a collection, map or array")
                .hasMessageContaining("java.util.HashMap");
    }

    @Test
    void collidingListKeysAreRefused() {
        assertThatThrownBy(() -> read(serialization, HessianBombs.collidingListKeys(2000)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("map key may not be a collection, map or array")
                .hasMessageContaining("java.util.ArrayList");
    }

    @Test
    void typedMapsAndSetsRefuseCollectionKeysAndElementsToo() throws IOException {
        Map<Object, Object> typed = new HashMap<>();
        typed.put(new ArrayList<>(List.of(1, 2)), "v");
        Set<Object> setOfSets = new HashSet<>();
        setOfSets.add(new HashSet<>(List.of("a")));
        Set<Object> setOfArrays = new LinkedHashSet<>();
        setOfArrays.add(new String[] {"a"});
        assertThatThrownBy(() -> read(serialization, write(new Object[] {typed})))
                .hasMessageContaining("map key may not be");
        assertThatThrownBy(() -> read(serialization, write(new Object[] {setOfSets})))
                .hasMessageContaining("set element may not be a collection, map or array (got java.util.HashSet)");
        assertThatThrownBy(() -> read(serialization, write(new Object[] {setOfArrays})))
                .hasMessageContaining("set element may not be");
    }

    @Test
    void mapsAndSetsOfValueKeysStillRoundTrip() throws IOException {
        Map<Object, Object> map = new HashMap<>();
        map.put("k", List.of(1, 2));
        map.put(7, new Greeting("hi", 1, List.of("t"), Mood.HAPPY));
        map.put(Mood.GRUMPY, new HashSet<>(List.of("x", "y")));
        Object[] args = {map, new TreeMap<>(Map.of("a", 1, "b", 2)), new TreeSet<>(List.of("p", "q")),
                new LinkedHashSet<>(List.of(3, 1, 2)), new HashSet<>(List.of(Mood.HAPPY))};
        Object[] back = (Object[]) read(serialization, write(args));
        assertThat(back).containsExactly(args);
        assertThat(back[2]).isInstanceOf(TreeSet.class);
        assertThat(back[3]).isInstanceOf(LinkedHashSet.class);
    }

    @Test
    void moreValuesThanTheLimitAreRefusedNamingTheLimit() throws IOException {
        Hessian2Serialization limited = new Hessian2Serialization(List.of(), new DecodeLimits(100, 64, 1000));
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add("s" + i);
        }
        assertThatThrownBy(() -> read(limited, write(new Object[] {many})))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("more than 100 values")
                .hasMessageContaining(DecodeLimits.MAX_OBJECTS);
        assertThat(read(limited, write(new Object[] {many.subList(0, 90)}))).isNotNull();
    }

    @Test
    void backReferencesCountAgainstTheValueLimit() throws IOException {
        Hessian2Serialization limited = new Hessian2Serialization(List.of(), new DecodeLimits(100, 64, 1000));
        List<Object> shared = new ArrayList<>(List.of("x"));
        List<Object> refs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            refs.add(shared); // written once, then 199 back-references
        }
        byte[] bytes = write(new Object[] {refs});
        assertThat(bytes.length).isLessThan(500);
        assertThatThrownBy(() -> read(limited, bytes)).hasMessageContaining(DecodeLimits.MAX_OBJECTS);
    }

    @Test
    void deeperNestingThanTheLimitIsRefusedNamingTheLimit() throws IOException {
        Hessian2Serialization limited = new Hessian2Serialization(List.of(), new DecodeLimits(1000, 10, 1000));
        List<Object> nested = new ArrayList<>();
        List<Object> inner = nested;
        for (int i = 0; i < 20; i++) {
            List<Object> next = new ArrayList<>();
            inner.add(next);
            inner = next;
        }
        assertThatThrownBy(() -> read(limited, write(new Object[] {nested})))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("nests too deeply: more than 10 levels")
                .hasMessageContaining(DecodeLimits.MAX_DEPTH);
    }

    @Test
    void largerCollectionsThanTheLimitAreRefusedNamingTheLimit() throws IOException {
        Hessian2Serialization limited = new Hessian2Serialization(List.of(), new DecodeLimits(10_000, 64, 100));
        Map<String, Integer> map = new HashMap<>();
        Set<String> set = new HashSet<>();
        for (int i = 0; i < 101; i++) {
            map.put("k" + i, i);
            set.add("e" + i);
        }
        assertThatThrownBy(() -> read(limited, write(new Object[] {map})))
                .hasMessageContaining("more than 100 map entries")
                .hasMessageContaining(DecodeLimits.MAX_COLLECTION_SIZE);
        assertThatThrownBy(() -> read(limited, write(new Object[] {set})))
                .hasMessageContaining("more than 100")
                .hasMessageContaining(DecodeLimits.MAX_COLLECTION_SIZE);
        assertThatThrownBy(() -> read(limited, write(new Object[] {new ArrayList<>(set)})))
                .hasMessageContaining(DecodeLimits.MAX_COLLECTION_SIZE);
    }

    @Test
    void aRefusedReadLeavesTheNextReadOnTheSameThreadUnaffected() throws IOException {
        assertThatThrownBy(() -> read(serialization, HessianBombs.nestedMapBomb(10)))
                .isInstanceOf(SerializationException.class);
        Object[] back = (Object[]) read(serialization, write(new Object[] {Map.of("k", "v")}));
        assertThat(back).containsExactly(Map.of("k", "v"));
    }

    private static Object read(Hessian2Serialization s, byte[] bytes) throws IOException {
        Object value = s.read(new ByteArrayInputStream(bytes));
        return value instanceof List<?> list ? list.toArray() : value;
    }
}
