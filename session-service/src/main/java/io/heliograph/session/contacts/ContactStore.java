package io.heliograph.session.contacts;

import com.datastax.oss.driver.api.core.cql.Row;
import io.heliograph.platform.cassandra.Cql;
import io.heliograph.session.dcs.Dcs;
import java.time.Clock;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code contacts} rows, partitioned by owner, in the owner's home DC keyspace: written and listed by the owner's home
 * DC; {@link #has} reads another DC's keyspace to tell whether a contact is mutual.
 */
@Component
public class ContactStore {

    /** Most contacts one user keeps (a list is one partition read whole). */
    public static final int MAX_CONTACTS = 5000;

    private static final String COLUMNS = "owner_id, contact_user_id, contact_home_dc, phone, first_name, last_name";

    private final Cql cql;
    private final Dcs dcs;
    private final Clock clock;
    private final String upsert;
    private final String list;
    private final String one;
    private final String delete;

    public ContactStore(Cql cql, Dcs dcs, Clock clock) {
        this.cql = cql;
        this.dcs = dcs;
        this.clock = clock;
        String ks = dcs.keyspaceOf(dcs.thisDc());
        upsert = "INSERT INTO " + ks + ".contacts (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
        list = "SELECT " + COLUMNS + " FROM " + ks + ".contacts WHERE owner_id = ? LIMIT " + MAX_CONTACTS;
        one = "SELECT " + COLUMNS + " FROM " + ks + ".contacts WHERE owner_id = ? AND contact_user_id = ?";
        delete = "DELETE FROM " + ks + ".contacts WHERE owner_id = ? AND contact_user_id = ?";
    }

    /** Saves (or renames) a contact of a user of this DC. */
    public Mono<Void> save(StoredContact c) {
        return cql.run(upsert, c.ownerId(), c.contactUserId(), c.contactHomeDc(), c.phone(), c.firstName(),
                c.lastName(), clock.instant());
    }

    /** The contacts of a user of this DC, by contact user id. */
    public Flux<StoredContact> list(long ownerId) {
        return cql.rows(list, ownerId).map(ContactStore::contact);
    }

    /** The entry of a user of this DC for {@code contactUserId}. */
    public Mono<StoredContact> find(long ownerId, long contactUserId) {
        return cql.one(one, ownerId, contactUserId).map(ContactStore::contact);
    }

    /** Whether {@code ownerId}, homed in {@code ownerHomeDc}, has {@code contactUserId} among its contacts. */
    public Mono<Boolean> has(long ownerId, int ownerHomeDc, long contactUserId) {
        return cql.one("SELECT contact_user_id FROM " + dcs.keyspaceOf(ownerHomeDc)
                        + ".contacts WHERE owner_id = ? AND contact_user_id = ?", ownerId, contactUserId)
                .hasElement();
    }

    public Mono<Void> delete(long ownerId, long contactUserId) {
        return cql.run(delete, ownerId, contactUserId);
    }

    private static StoredContact contact(Row row) {
        return new StoredContact(row.getLong("owner_id"), row.getLong("contact_user_id"),
                row.getInt("contact_home_dc"), row.getString("phone"), row.getString("first_name"),
                row.getString("last_name"));
    }
}
