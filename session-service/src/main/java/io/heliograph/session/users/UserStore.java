package io.heliograph.session.users;

import com.datastax.oss.driver.api.core.cql.Row;
import io.heliograph.platform.cassandra.Cql;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.session.directory.Directory;
import java.nio.ByteBuffer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code users} rows, each in its user's home DC keyspace. Writes go to this DC's keyspace only (a user is written by
 * the home DC's session-service); reads of another DC's user read that DC's keyspace (see {@link Dcs}).
 */
@Component
public class UserStore {

    private static final String COLUMNS = "user_id, phone, first_name, last_name, username, about, bot, "
            + "access_hash_secret, bot_token_sha256, created_at";

    private final Cql cql;
    private final Dcs dcs;
    private final Directory directory;
    private final String insert;
    private final String updateProfile;
    private final String updateUsername;
    private final String delete;

    public UserStore(Cql cql, Dcs dcs, Directory directory) {
        this.cql = cql;
        this.dcs = dcs;
        this.directory = directory;
        String ks = dcs.keyspaceOf(dcs.thisDc());
        insert = "INSERT INTO " + ks + ".users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        updateProfile = "UPDATE " + ks + ".users SET first_name = ?, last_name = ?, about = ? WHERE user_id = ?";
        updateUsername = "UPDATE " + ks + ".users SET username = ? WHERE user_id = ?";
        delete = "DELETE FROM " + ks + ".users WHERE user_id = ?";
    }

    /** A user of any DC by id; empty when the directory or its home keyspace does not know it. */
    public Mono<UserRecord> find(long userId) {
        if (userId <= 0) {
            return Mono.empty();
        }
        return directory.homeDcOf(userId).flatMap(home -> find(userId, home));
    }

    /** A user whose home DC is known. */
    public Mono<UserRecord> find(long userId, int homeDc) {
        return cql.one("SELECT " + COLUMNS + " FROM " + dcs.keyspaceOf(homeDc) + ".users WHERE user_id = ?", userId)
                .filter(row -> !row.isNull("access_hash_secret"))
                .map(row -> user(row, homeDc));
    }

    /** Writes a new user of this DC. */
    public Mono<Void> insert(UserRecord u) {
        return cql.run(insert, u.id(), u.phone(), u.firstName(), u.lastName(), u.username(), u.about(), u.bot(),
                ByteBuffer.wrap(u.accessHashSecret()), u.botTokenSha256() == null ? null : ByteBuffer.wrap(u.botTokenSha256()),
                u.createdAt());
    }

    public Mono<Void> updateProfile(long userId, String firstName, String lastName, String about) {
        return cql.run(updateProfile, firstName, lastName, about, userId);
    }

    public Mono<Void> updateUsername(long userId, String username) {
        return cql.run(updateUsername, username, userId);
    }

    /** Removes a user that was never published (its phone or username claim failed). */
    public Mono<Void> delete(long userId) {
        return cql.run(delete, userId);
    }

    private static UserRecord user(Row row, int homeDc) {
        return new UserRecord(row.getLong("user_id"), homeDc, row.getString("phone"), row.getString("first_name"),
                row.getString("last_name"), row.getString("username"), row.getString("about"), row.getBoolean("bot"),
                bytes(row.getByteBuffer("access_hash_secret")), bytes(row.getByteBuffer("bot_token_sha256")),
                row.getInstant("created_at"));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
