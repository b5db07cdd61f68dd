package io.weft.internal.client;

import io.weft.internal.serialization.JsonSerialization;
import io.weft.internal.transport.Wire;
import java.util.List;

/**
 * The serializations a consumer knows by name ({@code hessian2} = 1, {@code json} = 2), as wire
 * ids and as bit sets ({@code 1 << id}) of what an instance's node lists (DESIGN §5
 * {@code serializations}), so that choosing one per call is a bit test.
 */
final class Serializations {
    static final String HESSIAN2 = "hessian2";
    /** A typed reference's preference unless its options name one: Hessian, else JSON. */
    static final List<String> DEFAULT_PREFERENCE = List.of(HESSIAN2, JsonSerialization.NAME);
    /** What a provider accepts whose node cannot be read for it (a direct address): a Weft provider's. */
    static final int ANY = bit(Wire.SERIALIZATION_HESSIAN2) | bit(Wire.SERIALIZATION_JSON);

    private Serializations() {}

    static int bit(byte id) {
        return 1 << id;
    }

    /** The wire id of {@code name}, or -1 when it is not one this consumer speaks. */
    static byte idOf(String name) {
        return switch (name) {
            case HESSIAN2 -> Wire.SERIALIZATION_HESSIAN2;
            case JsonSerialization.NAME -> Wire.SERIALIZATION_JSON;
            default -> -1;
        };
    }

    /** The bits of the names an instance lists; names this consumer does not speak are left out. */
    static int maskOf(List<String> names) {
        int mask = 0;
        for (String n : names) {
            byte id = idOf(n);
            if (id > 0) {
                mask |= bit(id);
            }
        }
        return mask;
    }

    /**
     * The wire ids of a reference's preference, in order.
     *
     * @throws IllegalArgumentException naming an unknown serialization
     */
    static byte[] preferenceOf(List<String> names) {
        byte[] ids = new byte[names.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = idOf(names.get(i));
            if (ids[i] < 0) {
                throw new IllegalArgumentException("unknown serialization '" + names.get(i) + "' (known: "
                        + DEFAULT_PREFERENCE + ")");
            }
        }
        return ids;
    }
}
