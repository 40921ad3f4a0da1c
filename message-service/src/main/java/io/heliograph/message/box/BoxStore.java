package io.heliograph.message.box;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.heliograph.platform.cassandra.Cql;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The message boxes in the DC's keyspace (tables in {@code db/cassandra/message-service}). Reads serve both the box
 * writer and the read methods; writes are statements the writer puts into one logged batch per command.
 */
@Component
public class BoxStore {

    /** Ids per {@code box_message_ids} partition. */
    static final int ID_BUCKET = 4096;

    private static final String MESSAGE_COLUMNS = "message_id, out, origin_user_id, origin_id, body";

    private final Cql cql;

    public BoxStore(Cql cql) {
        this.cql = cql;
    }

    // ---- reads ---------------------------------------------------------------------------------------------------

    public Mono<BoxState> state(long owner) {
        return cql.one("SELECT last_message_id, pts, applied_offset FROM box_state WHERE owner_id = ?", owner)
                .map(r -> new BoxState(owner, r.getInt("last_message_id"), Math.max(1, r.getInt("pts")),
                        r.isNull("applied_offset") ? -1 : r.getLong("applied_offset")))
                .defaultIfEmpty(BoxState.empty(owner));
    }

    public Mono<Dialog> dialog(long owner, Peer peer) {
        return cql.one("SELECT peer, top_message, top_date, read_inbox_max, read_outbox_max, unread_count, max_origin_in "
                + "FROM dialogs WHERE owner_id = ? AND peer = ?", owner, peer.key()).map(BoxStore::dialog);
    }

    public Flux<Dialog> dialogs(long owner) {
        return cql.rows("SELECT peer, top_message, top_date, read_inbox_max, read_outbox_max, unread_count, max_origin_in "
                + "FROM dialogs WHERE owner_id = ?", owner).map(BoxStore::dialog);
    }

    /** A message of the box by id, whatever its dialog. */
    public Mono<StoredMessage> message(long owner, int id) {
        return cql.one("SELECT peer FROM box_message_ids WHERE owner_id = ? AND bucket = ? AND message_id = ?",
                        owner, id / ID_BUCKET, id)
                .flatMap(r -> message(owner, Peer.parse(r.getString("peer")), id));
    }

    public Mono<StoredMessage> message(long owner, Peer peer, int id) {
        return cql.one("SELECT " + MESSAGE_COLUMNS + " FROM box_messages WHERE owner_id = ? AND peer = ? AND message_id = ?",
                owner, peer.key(), id).map(r -> message(owner, peer, r));
    }

    /** A dialog's messages below {@code beforeId} (exclusive), newest first. */
    public Flux<StoredMessage> history(long owner, Peer peer, int beforeId, int limit) {
        return cql.rows("SELECT " + MESSAGE_COLUMNS + " FROM box_messages WHERE owner_id = ? AND peer = ? "
                + "AND message_id < ? LIMIT ?", owner, peer.key(), beforeId, limit).map(r -> message(owner, peer, r));
    }

    /** A dialog's messages above {@code afterId} (exclusive), newest first. */
    public Flux<StoredMessage> after(long owner, Peer peer, int afterId, int limit) {
        return cql.rows("SELECT " + MESSAGE_COLUMNS + " FROM box_messages WHERE owner_id = ? AND peer = ? "
                + "AND message_id > ? LIMIT ?", owner, peer.key(), afterId, limit).map(r -> message(owner, peer, r));
    }

    /** A dialog's messages above {@code afterId} (exclusive), oldest first: the nearest ones. */
    public Flux<StoredMessage> nearestAfter(long owner, Peer peer, int afterId, int limit) {
        return cql.rows("SELECT " + MESSAGE_COLUMNS + " FROM box_messages WHERE owner_id = ? AND peer = ? "
                + "AND message_id > ? ORDER BY message_id ASC LIMIT ?", owner, peer.key(), afterId, limit)
                .map(r -> message(owner, peer, r));
    }

    /** How many messages a dialog holds (a partition count: dialogs are one partition each). */
    public Mono<Integer> count(long owner, Peer peer) {
        return cql.one("SELECT COUNT(*) AS n FROM box_messages WHERE owner_id = ? AND peer = ?", owner, peer.key())
                .map(r -> (int) r.getLong("n")).defaultIfEmpty(0);
    }

    public Mono<Integer> idOfOrigin(long owner, long originUser, int originId) {
        return cql.one("SELECT message_id FROM box_origins WHERE owner_id = ? AND origin_user_id = ? AND origin_id = ?",
                owner, originUser, originId).map(r -> r.getInt("message_id"));
    }

    /**
     * The messages some of the box's {@code random_id}s already made, by random id ({id, pts, date}); an id absent from
     * the map made none. One request per 100 ids ({@code IN} on the last column of the partition key).
     */
    public Mono<Map<Long, int[]>> sentAll(long owner, List<Long> randomIds) {
        List<Mono<List<Row>>> requests = new ArrayList<>();
        for (int i = 0; i < randomIds.size(); i += 100) {
            List<Long> chunk = randomIds.subList(i, Math.min(randomIds.size(), i + 100));
            requests.add(cql.rows("SELECT random_id, message_id, pts, date FROM send_dedupe WHERE owner_id = ? AND random_id IN ?",
                    owner, List.copyOf(chunk)).collectList());
        }
        return Flux.concat(requests).collect(HashMap::new, (found, rows) -> rows.forEach(r -> found.put(
                r.getLong("random_id"), new int[] {r.getInt("message_id"), r.getInt("pts"), r.getInt("date")})));
    }

    /** The message a {@code random_id} already made: {id, pts, date}. */
    public Mono<int[]> sent(long owner, long randomId) {
        return cql.one("SELECT message_id, pts, date FROM send_dedupe WHERE owner_id = ? AND random_id = ?", owner, randomId)
                .map(r -> new int[] {r.getInt("message_id"), r.getInt("pts"), r.getInt("date")});
    }

    public Mono<byte[]> outcome(long owner, String commandId) {
        return cql.one("SELECT records FROM command_outcomes WHERE owner_id = ? AND command_id = ?", owner, commandId)
                .map(r -> bytes(r.getByteBuffer("records")));
    }

    /** An update of the box's log: the pts it reached, how many events it counts, the TL {@code Update}. */
    public record LoggedUpdate(int pts, int ptsCount, byte[] body) {
    }

    public Flux<LoggedUpdate> updatesAfter(long owner, int pts, int limit) {
        return cql.rows("SELECT pts, pts_count, body FROM box_updates WHERE owner_id = ? AND pts > ? LIMIT ?",
                owner, pts, limit).map(r -> new LoggedUpdate(r.getInt("pts"), r.getInt("pts_count"), bytes(r.getByteBuffer("body"))));
    }

    // ---- writes (statements for the writer's batch) ---------------------------------------------------------------

    public Mono<BoundStatement> putMessage(StoredMessage m, int date) {
        return cql.bind("INSERT INTO box_messages (owner_id, peer, message_id, out, origin_user_id, origin_id, body, date) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", m.ownerId(), m.peer().key(), m.id(), m.out(), m.originUserId(),
                m.originId(), ByteBuffer.wrap(m.body()), java.time.Instant.ofEpochSecond(date));
    }

    public List<Mono<BoundStatement>> indexMessage(StoredMessage m) {
        return List.of(
                cql.bind("INSERT INTO box_message_ids (owner_id, bucket, message_id, peer, out, origin_user_id, origin_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", m.ownerId(), m.id() / ID_BUCKET, m.id(), m.peer().key(), m.out(),
                        m.originUserId(), m.originId()),
                cql.bind("INSERT INTO box_origins (owner_id, origin_user_id, origin_id, message_id) VALUES (?, ?, ?, ?)",
                        m.ownerId(), m.originUserId(), m.originId(), m.id()));
    }

    public List<Mono<BoundStatement>> deleteMessage(StoredMessage m) {
        return List.of(
                cql.bind("DELETE FROM box_messages WHERE owner_id = ? AND peer = ? AND message_id = ?", m.ownerId(),
                        m.peer().key(), m.id()),
                cql.bind("DELETE FROM box_message_ids WHERE owner_id = ? AND bucket = ? AND message_id = ?", m.ownerId(),
                        m.id() / ID_BUCKET, m.id()),
                cql.bind("DELETE FROM box_origins WHERE owner_id = ? AND origin_user_id = ? AND origin_id = ?",
                        m.ownerId(), m.originUserId(), m.originId()));
    }

    public Mono<BoundStatement> putDialog(long owner, Dialog d) {
        return cql.bind("INSERT INTO dialogs (owner_id, peer, top_message, top_date, read_inbox_max, read_outbox_max, "
                        + "unread_count, max_origin_in) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", owner, d.peer().key(), d.topMessage(),
                d.topDate(), d.readInboxMax(), d.readOutboxMax(), d.unreadCount(), d.maxOriginIn());
    }

    public Mono<BoundStatement> deleteDialog(long owner, Peer peer) {
        return cql.bind("DELETE FROM dialogs WHERE owner_id = ? AND peer = ?", owner, peer.key());
    }

    public Mono<BoundStatement> putState(BoxState s, java.time.Instant now) {
        return cql.bind("INSERT INTO box_state (owner_id, last_message_id, pts, applied_offset, updated_at) "
                + "VALUES (?, ?, ?, ?, ?)", s.ownerId(), s.lastMessageId(), s.pts(), s.appliedOffset(), now);
    }

    public Mono<BoundStatement> logUpdate(long owner, int pts, int ptsCount, byte[] update) {
        return cql.bind("INSERT INTO box_updates (owner_id, pts, pts_count, body) VALUES (?, ?, ?, ?)", owner, pts,
                ptsCount, ByteBuffer.wrap(update));
    }

    public Mono<BoundStatement> putSent(long owner, long randomId, int messageId, int pts, int date) {
        return cql.bind("INSERT INTO send_dedupe (owner_id, random_id, message_id, pts, date) VALUES (?, ?, ?, ?, ?)",
                owner, randomId, messageId, pts, date);
    }

    public Mono<BoundStatement> putOutcome(long owner, String commandId, byte[] records) {
        return cql.bind("INSERT INTO command_outcomes (owner_id, command_id, records) VALUES (?, ?, ?)", owner, commandId,
                ByteBuffer.wrap(records));
    }

    public Mono<Void> batch(List<Mono<BoundStatement>> statements) {
        return bind(statements).flatMap(cql::loggedBatch);
    }

    /** The statements bound (their prepared statements are cached after the first use). */
    public Mono<List<BoundStatement>> bind(List<Mono<BoundStatement>> statements) {
        return Flux.concat(statements).collectList();
    }

    /** One logged batch of statements already bound. */
    public Mono<Void> batchOf(List<BoundStatement> statements) {
        return cql.loggedBatch(statements);
    }

    /** The bytes of the statements' bound values: about what they add to a batch's size on the server. */
    public static int sizeOf(List<BoundStatement> statements) {
        int bytes = 0;
        for (BoundStatement s : statements) {
            for (ByteBuffer v : s.getValues()) {
                bytes += v == null ? 0 : v.remaining();
            }
        }
        return bytes;
    }

    // ---- rows ------------------------------------------------------------------------------------------------------

    private static Dialog dialog(Row r) {
        return new Dialog(Peer.parse(r.getString("peer")), r.getInt("top_message"), r.getInt("top_date"),
                r.getInt("read_inbox_max"), r.getInt("read_outbox_max"), r.getInt("unread_count"), r.getInt("max_origin_in"));
    }

    private static StoredMessage message(long owner, Peer peer, Row r) {
        return new StoredMessage(owner, peer, r.getInt("message_id"), r.getBoolean("out"), r.getLong("origin_user_id"),
                r.getInt("origin_id"), bytes(r.getByteBuffer("body")));
    }

    static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return new byte[0];
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
