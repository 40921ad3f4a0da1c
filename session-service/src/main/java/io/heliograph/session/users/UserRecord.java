package io.heliograph.session.users;

import java.time.Instant;

/**
 * A row of {@code users} in the user's home DC keyspace. {@code phone} is null for a bot, {@code username} null when
 * none is set, {@code accessHashSecret} the key of the user's access hashes, {@code botTokenSha256} null for a person.
 */
public record UserRecord(long id, int homeDc, String phone, String firstName, String lastName, String username,
        String about, boolean bot, byte[] accessHashSecret, byte[] botTokenSha256, Instant createdAt) {

    @Override
    public String toString() {
        return "UserRecord[id=" + id + ", homeDc=" + homeDc + ", bot=" + bot + "]";
    }
}
