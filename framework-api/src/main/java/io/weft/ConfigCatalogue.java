package io.weft;

import io.weft.spi.ConfigKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Every configuration key some part of Weft knows: the keys and prefixes of {@link WeftKeys} (every
 * module's, also of modules not on the class path) plus what plug-ins on the class path list through
 * {@link ConfigKeys}. Keys are compared by their environment name, so {@code weft.a.b-c},
 * {@code weft.a.b.c} and {@code WEFT_A_B_C} are the same key. Immutable.
 */
final class ConfigCatalogue {
    private final List<String> keys;      // as written, for suggestions
    private final Set<String> exact;      // environment names
    private final List<String> prefixes;  // environment names, ending in '_'

    ConfigCatalogue(Collection<String> known) {
        List<String> plain = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<String> starts = new ArrayList<>();
        for (String k : known) {
            if (k.endsWith(".")) {
                starts.add(WeftConfig.environmentName(k));
            } else {
                plain.add(k);
                names.add(WeftConfig.environmentName(k));
            }
        }
        this.keys = List.copyOf(plain);
        this.exact = Set.copyOf(names);
        this.prefixes = List.copyOf(starts);
    }

    /** The names of {@link WeftKeys}: its keys and their aliases, then its prefixes (ending in {@code '.'}). */
    static List<String> weftKeys() {
        List<String> names = new ArrayList<>();
        for (ConfigKey<?> key : WeftKeys.all()) {
            names.addAll(key.names());
        }
        names.addAll(WeftKeys.prefixes());
        return names;
    }

    /** {@link WeftKeys} plus every {@link ConfigKeys} found by {@code loader}. */
    static ConfigCatalogue load(ClassLoader loader) {
        List<String> all = weftKeys();
        ServiceLoader<ConfigKeys> found = ServiceLoader.load(ConfigKeys.class, loader);
        try {
            for (ConfigKeys module : found) {
                all.addAll(module.keys());
            }
        } catch (ServiceConfigurationError e) {
            // A broken module listing must not stop start-up; its keys are then reported as unknown.
        }
        return new ConfigCatalogue(all);
    }

    boolean knows(String key) {
        String name = WeftConfig.environmentName(key);
        if (exact.contains(name)) {
            return true;
        }
        for (String p : prefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** The known key closest to {@code key} by edit distance, if one is close enough to be a typo. */
    String closest(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, lower.length() / 5);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : keys) {
            int d = distance(lower, k, limit);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return bestDistance <= limit ? best : null;
    }

    /** Levenshtein distance, or {@code limit + 1} as soon as it must exceed {@code limit}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            row[0] = i;
            int rowMin = row[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                row[j] = Math.min(Math.min(row[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.min(rowMin, row[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = previous;
            previous = row;
            row = t;
        }
        return previous[b.length()];
    }
}
