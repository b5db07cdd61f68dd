package io.weft.bench.mesh;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} options of the mesh drivers, with defaults. */
final class MeshArgs {
    private final Map<String, String> values = new HashMap<>();

    MeshArgs(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int getInt(String name, int fallback) {
        return Integer.parseInt(get(name, Integer.toString(fallback)));
    }
}
