package io.weft.console;

import java.util.Locale;

/**
 * What a console user may do. Each role includes the ones before it: a {@code viewer} reads everything,
 * an {@code editor} also changes rules, an {@code admin} also manages users and API tokens.
 */
enum Role {
    VIEWER, EDITOR, ADMIN;

    /** Whether this role may do what {@code needed} may. */
    boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** The lower-case word used in JSON, the CLI and error messages. */
    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code word} ({@code viewer}, {@code editor}, {@code admin}). */
    static Role parse(String word) {
        if (word != null) {
            for (Role role : values()) {
                if (role.word().equals(word)) {
                    return role;
                }
            }
        }
        throw new IllegalArgumentException("unknown role '" + word + "': use viewer, editor or admin");
    }
}
