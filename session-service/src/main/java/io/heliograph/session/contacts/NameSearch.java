package io.heliograph.session.contacts;

import java.util.Locale;

/**
 * Name matching of {@code contacts.search} over the caller's contacts: the query (lower-cased, trimmed, inner runs
 * of spaces collapsed) must be a prefix of a word of the saved name "first last", or of the whole name. Pure.
 */
public final class NameSearch {

    private NameSearch() {
    }

    public static String normalize(String q) {
        return q == null ? "" : q.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Whether the normalized query matches the saved names. */
    public static boolean matches(String normalizedQuery, String firstName, String lastName) {
        if (normalizedQuery.isEmpty()) {
            return false;
        }
        String full = normalize((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName));
        if (full.startsWith(normalizedQuery)) {
            return true;
        }
        int from = 0;
        while ((from = full.indexOf(' ', from)) >= 0) {
            from++;
            if (full.startsWith(normalizedQuery, from)) {
                return true;
            }
        }
        return false;
    }
}
