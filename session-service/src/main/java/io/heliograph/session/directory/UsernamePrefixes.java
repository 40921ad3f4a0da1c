package io.heliograph.session.directory;

import io.heliograph.platform.DcContext;
import io.heliograph.platform.cassandra.Cql;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code heliograph_global.username_prefixes}: canonical usernames partitioned by their first {@value #PREFIX}
 * characters, so that {@code contacts.search} finds usernames by prefix with one partition range read. An index only:
 * {@code username_directory} and the owner's row stay the authority, and searchers confirm each hit against them.
 * Written by {@code account.updateUsername} (usernames set before this table, and bot usernames, are not indexed).
 */
@Component
public class UsernamePrefixes {

    /** Characters of the partition key; a query needs at least this many. */
    public static final int PREFIX = 3;

    private final Cql cql;
    private final String insert;
    private final String delete;
    private final String range;

    public UsernamePrefixes(Cql cql, DcContext dc) {
        this.cql = cql;
        String g = dc.globalKeyspace();
        insert = "INSERT INTO " + g + ".username_prefixes (prefix, username, user_id, home_dc) VALUES (?, ?, ?, ?)";
        delete = "DELETE FROM " + g + ".username_prefixes WHERE prefix = ? AND username = ?";
        range = "SELECT username, user_id, home_dc FROM " + g + ".username_prefixes "
                + "WHERE prefix = ? AND username >= ? AND username < ? LIMIT ?";
    }

    public Mono<Void> add(String canonical, long userId, int homeDc) {
        return cql.run(insert, canonical.substring(0, PREFIX), canonical, userId, homeDc);
    }

    public Mono<Void> remove(String canonical) {
        return cql.run(delete, canonical.substring(0, PREFIX), canonical);
    }

    /**
     * Entries whose username starts with {@code canonicalQuery} (lower-case {@code [a-z0-9_]}, at least
     * {@value #PREFIX} characters), in username order; nothing for a shorter query.
     */
    public Flux<Directory.Entry> search(String canonicalQuery, int limit) {
        if (canonicalQuery.length() < PREFIX || !canonicalQuery.matches("[a-z0-9_]+")) {
            return Flux.empty();
        }
        String upper = canonicalQuery.substring(0, canonicalQuery.length() - 1)
                + (char) (canonicalQuery.charAt(canonicalQuery.length() - 1) + 1);
        return cql.rows(range, canonicalQuery.substring(0, PREFIX), canonicalQuery, upper, limit)
                .map(row -> new Directory.Entry(row.getLong("user_id"), row.getInt("home_dc")));
    }
}
