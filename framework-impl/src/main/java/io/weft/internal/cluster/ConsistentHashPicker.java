package io.weft.internal.cluster;

import io.weft.ClientCall;
import io.weft.spi.Endpoint;
import io.weft.spi.LoadBalancer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code consistent_hash}: a ring with {@link #VIRTUAL_NODES} points per endpoint, placed by a hash
 * of the endpoint's address, built once per snapshot. A call goes to the first point at or after
 * the hash of its key (a metadata value or the first argument), so the same key keeps reaching the
 * same instance, and when one of n instances leaves only about 1/n of the keys move. Calls
 * without a key land on a random point. Immutable and thread-safe.
 */
final class ConsistentHashPicker implements LoadBalancer.Picker {
    static final int VIRTUAL_NODES = 160;

    private final long[] points;
    private final Endpoint[] owners;
    private final String metadataKey; // null: hash the first argument

    ConsistentHashPicker(List<Endpoint> endpoints, String metadataKey) {
        this.metadataKey = metadataKey;
        int n = endpoints.size() * VIRTUAL_NODES;
        long[] hashes = new long[n];
        int[] order = new int[n];
        int k = 0;
        for (int e = 0; e < endpoints.size(); e++) {
            String address = endpoints.get(e).address();
            for (int v = 0; v < VIRTUAL_NODES; v++) {
                hashes[k] = hash(address + "#" + v);
                order[k] = e;
                k++;
            }
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Long.compare(hashes[x], hashes[y]));
        points = new long[n];
        owners = new Endpoint[n];
        for (int i = 0; i < n; i++) {
            points[i] = hashes[idx[i]];
            owners[i] = endpoints.get(order[idx[i]]);
        }
    }

    @Override
    public Endpoint pick(ClientCall call) {
        String key = keyOf(call);
        long h = key == null ? ThreadLocalRandom.current().nextLong() : hash(key);
        return ownerOf(h);
    }

    Endpoint ownerOf(long h) {
        int i = Arrays.binarySearch(points, h);
        if (i < 0) {
            i = -i - 1;
        }
        return owners[i == points.length ? 0 : i];
    }

    private String keyOf(ClientCall call) {
        if (metadataKey != null) {
            return call.metadata().get(metadataKey);
        }
        Object[] args = call.arguments();
        return args.length == 0 || args[0] == null ? null : args[0].toString();
    }

    /** 64-bit FNV-1a over the UTF-8 bytes, finished with MurmurHash3's fmix64 for spread. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
