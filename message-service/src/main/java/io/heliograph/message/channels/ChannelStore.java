package io.heliograph.message.channels;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.heliograph.platform.cassandra.Cql;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.api.Message;
import io.heliograph.tl.api.TMessage;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Channels in the DC's keyspace (db/cassandra/message-service/V3__channels.cql): reads for the writer and the read
 * methods, and the statements the channel's single writer puts into a command's batch. Posts and the update log live
 * in bounded partitions ({@link #BUCKET} ids or pts each); reads walk the buckets.
 */
@Component
public class ChannelStore {

    /** Message ids per {@code channel_messages} partition, and pts per {@code channel_updates} partition. */
    public static final int BUCKET = 10_000;

    private final Cql cql;

    public ChannelStore(Cql cql) {
        this.cql = cql;
    }

    /** A post: its id, sender, and the TL {@code Message} (or {@code messageService}) as stored. */
    public record Post(long channelId, int id, long senderId, byte[] body) {
        public TMessage message() {
            return (TMessage) ApiRegistry.read(new TlReader(body));
        }

        public int date() {
            return message() instanceof Message m ? m.date() : ((io.heliograph.tl.api.MessageService) message()).date();
        }
    }

    /** A user's membership: the channel and how far the user has read it. */
    public record Membership(long userId, long channelId, int date, int readInboxMax) {
    }

    /** An update of a channel's log. */
    public record LoggedUpdate(int pts, int ptsCount, byte[] body) {
    }

    // ---- reads ---------------------------------------------------------------------------------------------------

    public Mono<ChannelInfo> channel(long id) {
        return cql.one("SELECT access_hash, title, about, broadcast, megagroup, creator_id, date, participants_count, "
                + "top_message, top_date FROM channels WHERE channel_id = ?", id)
                .map(r -> new ChannelInfo(id, r.getLong("access_hash"), r.getString("title"), r.getString("about"),
                        r.getBoolean("broadcast"), r.getBoolean("megagroup"), r.getLong("creator_id"), r.getInt("date"),
                        r.getInt("participants_count"), r.getInt("top_message"), r.getInt("top_date")));
    }

    public Mono<Participant> participant(long channel, long user) {
        return cql.one("SELECT user_id, role, admin_rights, inviter_id, promoted_by, date FROM channel_participants "
                + "WHERE channel_id = ? AND user_id = ?", channel, user).map(r -> participant(channel, r));
    }

    public Flux<Participant> participants(long channel) {
        return cql.rows("SELECT user_id, role, admin_rights, inviter_id, promoted_by, date FROM channel_participants "
                + "WHERE channel_id = ?", channel).map(r -> participant(channel, r));
    }

    public Flux<Membership> memberships(long user) {
        return cql.rows("SELECT channel_id, date, read_inbox_max FROM channel_memberships WHERE user_id = ?", user)
                .map(r -> new Membership(user, r.getLong("channel_id"), r.getInt("date"), r.getInt("read_inbox_max")));
    }

    public Mono<Membership> membership(long user, long channel) {
        return cql.one("SELECT channel_id, date, read_inbox_max FROM channel_memberships WHERE user_id = ? AND channel_id = ?",
                user, channel).map(r -> new Membership(user, channel, r.getInt("date"), r.getInt("read_inbox_max")));
    }

    public Mono<Post> post(long channel, int id) {
        return cql.one("SELECT message_id, sender_id, body FROM channel_messages WHERE channel_id = ? AND bucket = ? "
                + "AND message_id = ?", channel, id / BUCKET, id).map(r -> post(channel, r));
    }

    /** Posts below {@code beforeId} (exclusive), newest first, walking the buckets down. */
    public Flux<Post> before(long channel, int beforeId, int limit) {
        if (beforeId <= 1 || limit <= 0) {
            return Flux.empty();
        }
        int bucket = (beforeId - 1) / BUCKET;
        return cql.rows("SELECT message_id, sender_id, body FROM channel_messages WHERE channel_id = ? AND bucket = ? "
                        + "AND message_id < ? LIMIT ?", channel, bucket, beforeId, limit).map(r -> post(channel, r))
                .collectList().flatMapMany(page -> {
                    Flux<Post> here = Flux.fromIterable(page);
                    return bucket == 0 || page.size() >= limit ? here
                            : here.concatWith(before(channel, bucket * BUCKET, limit - page.size()));
                });
    }

    /** Posts above {@code afterId} (exclusive) up to {@code maxId} (inclusive), counted (bounded by {@code cap}). */
    public Mono<Integer> countAfter(long channel, int afterId, int maxId, int cap) {
        if (maxId <= afterId) {
            return Mono.just(0);
        }
        return before(channel, maxId + 1, Math.min(cap, maxId - afterId)).takeWhile(p -> p.id() > afterId).count()
                .map(Long::intValue);
    }

    /** The log after {@code pts} (exclusive), oldest first, at most {@code limit}, walking the buckets up to {@code maxPts}. */
    public Flux<LoggedUpdate> updatesAfter(long channel, int pts, int maxPts, int limit) {
        if (pts >= maxPts || limit <= 0) {
            return Flux.empty();
        }
        int bucket = (pts + 1) / BUCKET;
        return cql.rows("SELECT pts, pts_count, body FROM channel_updates WHERE channel_id = ? AND bucket = ? AND pts > ? "
                        + "LIMIT ?", channel, bucket, pts, limit)
                .map(r -> new LoggedUpdate(r.getInt("pts"), r.getInt("pts_count"), bytes(r.getByteBuffer("body"))))
                .collectList().flatMapMany(page -> {
                    Flux<LoggedUpdate> here = Flux.fromIterable(page);
                    int next = (bucket + 1) * BUCKET - 1;
                    return page.size() >= limit || next >= maxPts ? here
                            : here.concatWith(updatesAfter(channel, next, maxPts, limit - page.size()));
                });
    }

    /** The post a sender's {@code random_id} already made: {id, pts, date}. */
    public Mono<int[]> sent(long channel, long sender, long randomId) {
        return cql.one("SELECT message_id, pts, date FROM channel_send_dedupe WHERE channel_id = ? AND sender_id = ? "
                + "AND random_id = ?", channel, sender, randomId)
                .map(r -> new int[] {r.getInt("message_id"), r.getInt("pts"), r.getInt("date")});
    }

    // ---- writes (statements for the writer's batch) ---------------------------------------------------------------

    public Mono<BoundStatement> putChannel(ChannelInfo c) {
        return cql.bind("INSERT INTO channels (channel_id, access_hash, title, about, broadcast, megagroup, creator_id, date, "
                        + "participants_count, top_message, top_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", c.id(),
                c.accessHash(), c.title(), c.about(), c.broadcast(), c.megagroup(), c.creatorId(), c.date(),
                c.participantsCount(), c.topMessage(), c.topDate());
    }

    public Mono<BoundStatement> putParticipant(Participant p) {
        return cql.bind("INSERT INTO channel_participants (channel_id, user_id, role, admin_rights, inviter_id, promoted_by, "
                        + "date) VALUES (?, ?, ?, ?, ?, ?, ?)", p.channelId(), p.userId(), p.role().name(), p.adminRights(),
                p.inviterId(), p.promotedBy(), p.date());
    }

    public Mono<BoundStatement> deleteParticipant(long channel, long user) {
        return cql.bind("DELETE FROM channel_participants WHERE channel_id = ? AND user_id = ?", channel, user);
    }

    public Mono<BoundStatement> putMembership(Membership m) {
        return cql.bind("INSERT INTO channel_memberships (user_id, channel_id, date, read_inbox_max) VALUES (?, ?, ?, ?)",
                m.userId(), m.channelId(), m.date(), m.readInboxMax());
    }

    public Mono<BoundStatement> deleteMembership(long user, long channel) {
        return cql.bind("DELETE FROM channel_memberships WHERE user_id = ? AND channel_id = ?", user, channel);
    }

    public Mono<BoundStatement> putPost(Post p, int date) {
        return cql.bind("INSERT INTO channel_messages (channel_id, bucket, message_id, sender_id, body, date) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", p.channelId(), p.id() / BUCKET, p.id(), p.senderId(),
                ByteBuffer.wrap(p.body()), Instant.ofEpochSecond(date));
    }

    public Mono<BoundStatement> deletePost(long channel, int id) {
        return cql.bind("DELETE FROM channel_messages WHERE channel_id = ? AND bucket = ? AND message_id = ?", channel,
                id / BUCKET, id);
    }

    public Mono<BoundStatement> logUpdate(long channel, int pts, int ptsCount, byte[] update) {
        return cql.bind("INSERT INTO channel_updates (channel_id, bucket, pts, pts_count, body) VALUES (?, ?, ?, ?, ?)",
                channel, pts / BUCKET, pts, ptsCount, ByteBuffer.wrap(update));
    }

    public Mono<BoundStatement> putSent(long channel, long sender, long randomId, int id, int pts, int date) {
        return cql.bind("INSERT INTO channel_send_dedupe (channel_id, sender_id, random_id, message_id, pts, date) "
                + "VALUES (?, ?, ?, ?, ?, ?)", channel, sender, randomId, id, pts, date);
    }

    // ---- rows ------------------------------------------------------------------------------------------------------

    private static Participant participant(long channel, Row r) {
        return new Participant(channel, r.getLong("user_id"), Participant.Role.valueOf(r.getString("role")),
                r.getInt("admin_rights"), r.getLong("inviter_id"), r.getLong("promoted_by"), r.getInt("date"));
    }

    private static Post post(long channel, Row r) {
        return new Post(channel, r.getInt("message_id"), r.getLong("sender_id"), bytes(r.getByteBuffer("body")));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return new byte[0];
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
