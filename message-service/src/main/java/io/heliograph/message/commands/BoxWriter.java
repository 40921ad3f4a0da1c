package io.heliograph.message.commands;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import io.heliograph.events.BoxCommand;
import io.heliograph.events.EventCodec;
import io.heliograph.events.EventEnvelope;
import io.heliograph.events.PeerEffect;
import io.heliograph.message.box.BoxState;
import io.heliograph.message.box.BoxStore;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.api.MessagesAddChatUser;
import io.heliograph.tl.api.MessagesCreateChat;
import io.heliograph.tl.api.MessagesDeleteChatUser;
import io.heliograph.tl.api.MessagesDeleteMessages;
import io.heliograph.tl.api.MessagesEditMessage;
import io.heliograph.tl.api.MessagesReadHistory;
import io.heliograph.tl.api.MessagesSendMessage;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The single writer of the boxes of the {@code box-commands} partitions this instance owns. For each record: apply
 * the command to its box in memory, write the rows and the command's outcome in a logged batch (with the rows of the
 * records next to it that can share one: see {@link #applyAll}), and only then produce its records. A record at or
 * below the box's applied offset was applied before a crash or rebalance: its stored outcome is produced again
 * instead, so redelivery changes nothing.
 */
public final class BoxWriter implements RecordApplier {

    private static final Logger log = LoggerFactory.getLogger(BoxWriter.class);

    private final BoxStore store;
    private final PrivateMessages messages;
    private volatile io.heliograph.message.channels.ChannelCommands channels;
    private final Producer<String, byte[]> producer;
    private final Outputs out;
    private final Clock clock;
    private final MeterRegistry meters;
    /** Records per logged batch written (a group's offsets, the records without rows among them included). */
    private final DistributionSummary groupRecords;
    private final EventCodec codec = new EventCodec();
    /** Boxes by partition, then owner. Each inner map is touched by the one thread applying that partition. */
    private final Map<Integer, Map<Long, Box>> boxes = new ConcurrentHashMap<>();
    /**
     * The most a group writes in one logged batch, in bytes of bound values: Cassandra refuses a batch over
     * {@code batch_size_fail_threshold} (50 KiB by default) and warns over {@code batch_size_warn_threshold}.
     */
    static final int MAX_GROUP_BYTES = 24 * 1024;

    /** A writer whose private chats use {@code users} to check peers. */
    public static BoxWriter create(BoxStore store, io.heliograph.message.box.ChatStore chats,
            io.heliograph.message.users.SessionUsers users, Producer<String, byte[]> producer, Outputs out, Clock clock,
            MeterRegistry meters) {
        return new BoxWriter(store, new PrivateMessages(store, chats, users, out, clock), producer, out, clock, meters);
    }

    BoxWriter(BoxStore store, PrivateMessages messages, Producer<String, byte[]> producer, Outputs out, Clock clock,
            MeterRegistry meters) {
        this.store = store;
        this.messages = messages;
        this.producer = producer;
        this.out = out;
        this.clock = clock;
        this.meters = meters;
        this.groupRecords = meters.summary("heliograph.message.group.records");
    }

    /** The writer of channel boxes (box owners that are channel ids); without it channel commands are refused. */
    public BoxWriter channels(io.heliograph.message.channels.ChannelCommands channels) {
        this.channels = channels;
        return this;
    }

    @Override
    public void forget(int partition) {
        boxes.remove(partition);
    }

    /** Applies one record to its box durably; throws when the box could not be written: the record must be retried. */
    @Override
    public List<CompletableFuture<RecordMetadata>> apply(ConsumerRecord<String, byte[]> record) {
        Outcome o = applyAll(List.of(record), () -> false);
        if (o.failure() != null) {
            throw o.failure();
        }
        return o.sends();
    }

    /**
     * Applies a batch of one partition in offset order, writing the rows of consecutive records as one logged batch
     * (a <em>group</em>) where that cannot change what they read: plain sends and incoming private messages, up to
     * {@link #MAX_GROUP_BYTES}. Each record is applied in memory on top of the ones before it; the group is written
     * before a record that must read durable rows (any other call or effect), before one that would make it too big,
     * and at the end; only then are its records produced, in offset order. A failed write sends the partition back to
     * the group's first record with the boxes forgotten: what the batch did write is found by {@code applied_offset}.
     */
    @Override
    public Outcome applyAll(List<ConsumerRecord<String, byte[]>> records, BooleanSupplier halted) {
        Group group = new Group();
        Staged staged = new Staged();
        List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();
        long next = -1;
        int partition = records.get(0).partition();
        ConsumerRecord<String, byte[]> current = null;
        try {
            List<Decoded> decoded = new ArrayList<>(records.size());
            records.forEach(r -> decoded.add(decode(r)));
            readAhead(decoded, staged);
            for (Decoded d : decoded) {
                if (halted.getAsBoolean()) {
                    break;
                }
                current = d.record();
                next = stage(d, group, staged, sends, next);
            }
            current = null;
            next = flush(group, sends, next);
            return new Outcome(next, -1, null, sends);
        } catch (RuntimeException e) {
            forget(partition); // boxes may hold counters of rows that were not written
            long failedAt = !group.isEmpty() ? group.firstOffset : current != null ? current.offset()
                    : next >= 0 ? next : records.get(0).offset();
            return new Outcome(next, failedAt, e, sends);
        }
    }

    /** Rows of consecutive records of one partition, written as one logged batch; their records produced after it. */
    private static final class Group {
        final List<BoundStatement> statements = new ArrayList<>();
        final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        long firstOffset = -1;
        long lastOffset = -1;
        int bytes;

        boolean isEmpty() {
            return firstOffset < 0;
        }

        void add(long offset) {
            if (firstOffset < 0) {
                firstOffset = offset;
            }
            lastOffset = offset;
        }

        void clear() {
            statements.clear();
            records.clear();
            firstOffset = -1;
            lastOffset = -1;
            bytes = 0;
        }
    }

    /** Writes the group and hands its records to the producer; returns the offset after its last record. */
    private long flush(Group g, List<CompletableFuture<RecordMetadata>> sends, long next) {
        if (g.isEmpty()) {
            return next;
        }
        if (!g.statements.isEmpty()) {
            PrivateMessages.await(store.batchOf(g.statements));
            groupRecords.record(g.lastOffset - g.firstOffset + 1);
        }
        sends.addAll(send(g.records));
        long after = g.lastOffset + 1;
        g.clear();
        return after;
    }

    /**
     * A record decoded once: its envelope (null when it is not an event), for a command its call (null: bad), and
     * whether it may join a group ({@link #joinsGroup}).
     */
    private record Decoded(ConsumerRecord<String, byte[]> record, EventEnvelope envelope, TlObject call, boolean joins) {
    }

    private Decoded decode(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope;
        try {
            envelope = codec.decode(record.value());
        } catch (RuntimeException e) {
            log.warn("box-commands {}:{} is not an event, skipped: {}", record.partition(), record.offset(), e.getMessage());
            return new Decoded(record, null, null, false);
        }
        TlObject call = null;
        if (envelope.event() instanceof BoxCommand c) {
            try {
                call = ApiRegistry.read(new TlReader(c.request()));
            } catch (RuntimeException e) { // TlDecodeException, or a constructor check of a decoded record
                call = null;
            }
        }
        return new Decoded(record, envelope, call, joinsGroup(envelope.event(), call));
    }

    /**
     * Reads the {@code send_dedupe} rows of the batch's grouped sends ahead, one request per box (instead of one per
     * send); a send whose id is not found there is new, which {@link Staged#knowsSent} then answers without a read.
     */
    private void readAhead(List<Decoded> batch, Staged staged) {
        Map<Long, List<Long>> randomIds = new LinkedHashMap<>();
        for (Decoded d : batch) {
            if (d.joins() && d.envelope().event() instanceof BoxCommand c && d.call() instanceof MessagesSendMessage m
                    && m.randomId() != 0) {
                randomIds.computeIfAbsent(c.boxOwnerId(), o -> new ArrayList<>()).add(m.randomId());
            }
        }
        if (randomIds.isEmpty()) {
            return;
        }
        List<Mono<Map<Long, int[]>>> reads = new ArrayList<>();
        randomIds.forEach((owner, ids) -> reads.add(store.sentAll(owner, ids)));
        List<Map<Long, int[]>> found = PrivateMessages.await(Flux.concat(reads).collectList());
        int i = 0;
        for (Map.Entry<Long, List<Long>> e : randomIds.entrySet()) {
            staged.read(e.getKey(), e.getValue(), found.get(i++));
        }
    }

    /**
     * Applies one record in memory into the group (written first when the record may not join it); returns the
     * offset after the last record written so far.
     */
    private long stage(Decoded decoded, Group group, Staged staged, List<CompletableFuture<RecordMetadata>> sends,
            long next) {
        ConsumerRecord<String, byte[]> record = decoded.record();
        EventEnvelope envelope = decoded.envelope();
        if (envelope == null) {
            meters.counter("heliograph.message.commands", "kind", "invalid", "outcome", "skipped").increment();
            group.add(record.offset());
            return next;
        }
        long owner;
        String id;
        TlObject call = decoded.call();
        if (envelope.event() instanceof BoxCommand c) {
            owner = c.boxOwnerId();
            id = c.commandId();
        } else if (envelope.event() instanceof PeerEffect e) {
            owner = e.boxOwnerId();
            id = e.effectId();
        } else {
            log.warn("box-commands {}:{} carries {}, skipped", record.partition(), record.offset(), envelope.type());
            group.add(record.offset());
            return next;
        }
        boolean joins = decoded.joins();
        if (!joins) {
            next = flush(group, sends, next);
        }
        Map<Long, Box> partitionBoxes = boxes.computeIfAbsent(record.partition(), p -> new ConcurrentHashMap<>());
        Box box = partitionBoxes.get(owner);
        if (box == null) {
            box = new Box(PrivateMessages.await(store.state(owner)));
            partitionBoxes.put(owner, box);
        }
        if (record.offset() <= box.state.appliedOffset()) {
            byte[] outcome = PrivateMessages.await(store.outcome(owner, id));
            meters.counter("heliograph.message.commands", "kind", envelope.type(), "outcome", "replayed").increment();
            if (outcome != null) {
                group.records.addAll(Outputs.decode(outcome));
            }
            group.add(record.offset());
            return joins ? next : flush(group, sends, next);
        }
        Change change = new Change(box, record.offset(), staged);
        String kind = envelope.type();
        try {
            if (envelope.event() instanceof BoxCommand c) {
                if (call == null) {
                    throw RpcException.badRequest("INPUT_METHOD_INVALID");
                }
                kind = command(change, c, call);
            } else {
                PeerEffect e = (PeerEffect) envelope.event();
                kind = "effect." + e.kind().name().toLowerCase(java.util.Locale.ROOT);
                messages.apply(change, e);
            }
        } catch (RpcException e) {
            if (envelope.event() instanceof BoxCommand c) {
                meters.counter("heliograph.message.commands", "kind", kind, "outcome", e.type()).increment();
                group.records.add(out.error(c, e.code(), e.type()));
            } else {
                log.warn("effect {} refused: {}", id, e.type());
            }
            group.add(record.offset());
            return joins ? next : flush(group, sends, next);
        }
        if (change.changesBox()) {
            BoxState after = box.state.next(change.newMessages, change.ptsCount, record.offset());
            change.statements.add(store.putState(after, clock.instant()));
            change.dialogs.values().forEach(d -> {
                if (d.topMessage() > 0) {
                    change.statements.add(store.putDialog(owner, d));
                }
            });
            change.statements.add(store.putOutcome(owner, id, Outputs.encode(change.records)));
            List<BoundStatement> rows = PrivateMessages.await(store.bind(change.statements));
            int bytes = BoxStore.sizeOf(rows);
            if (!group.isEmpty() && group.bytes + bytes > MAX_GROUP_BYTES) {
                next = flush(group, sends, next);
            }
            group.statements.addAll(rows);
            group.bytes += bytes;
            staged.addAll(change.wrote);
            box.state = after; // ahead of Cassandra until the group is written; a failed write forgets the box
            Box held = box;
            change.dialogs.forEach((peer, d) -> {
                if (d.topMessage() > 0) {
                    held.dialogs.put(peer, d);
                } else {
                    held.dialogs.remove(peer);
                }
            });
        }
        group.records.addAll(change.records);
        group.add(record.offset());
        meters.counter("heliograph.message.commands", "kind", kind, "outcome", "ok").increment();
        return joins ? next : flush(group, sends, next);
    }

    /**
     * Whether a record may be applied on top of the unwritten rows of its group: only when what it reads is either
     * staged ({@link Staged}: {@code random_id}s, origins), in the box held in memory, or written by no grouped
     * record. A plain {@code sendMessage} (no reply: a reply reads the replied message's row) to a user or group, and
     * an incoming private message, qualify; anything else is applied on its own, after the group is written.
     */
    private static boolean joinsGroup(Object event, TlObject call) {
        if (event instanceof PeerEffect e) {
            return e.kind() == PeerEffect.Kind.NEW_MESSAGE && e.chat() == null;
        }
        return event instanceof BoxCommand c && !io.heliograph.events.ChannelId.isChannel(c.boxOwnerId())
                && call instanceof MessagesSendMessage m && m.replyTo() == null && c.boxOwnerId() == c.callerUserId();
    }

    private String command(Change change, BoxCommand c, TlObject call) {
        if (channels != null && io.heliograph.events.ChannelId.isChannel(c.boxOwnerId())) {
            channels.apply(change, c, call); // a channel's own box: it checks the caller's membership and rights
            return call.tlName();
        }
        if (call instanceof MessagesAddChatUser m) {
            messages.groups().addUser(change, c, m);
            return call.tlName();
        }
        if (call instanceof MessagesDeleteChatUser m) {
            messages.groups().deleteUser(change, c, m);
            return call.tlName();
        }
        if (c.boxOwnerId() != c.callerUserId()) { // every other call changes the caller's own box
            throw RpcException.badRequest("PEER_ID_INVALID");
        }
        if (call instanceof MessagesCreateChat m) {
            messages.groups().create(change, c, m);
        } else if (call instanceof MessagesSendMessage m) {
            messages.send(change, c, m);
        } else if (call instanceof MessagesEditMessage m) {
            messages.edit(change, c, m);
        } else if (call instanceof MessagesDeleteMessages m) {
            messages.delete(change, c, m);
        } else if (call instanceof io.heliograph.tl.api.MessagesForwardMessages m) {
            messages.forward(change, c, m);
        } else if (call instanceof MessagesReadHistory m) {
            messages.read(change, c, m);
        } else {
            throw new RpcException(400, "METHOD_NOT_IMPLEMENTED");
        }
        return call.tlName();
    }

    /** Hands the records to the producer; each future completes on the producer's thread when Kafka answers. */
    private List<CompletableFuture<RecordMetadata>> send(List<ProducerRecord<String, byte[]>> records) {
        List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>(records.size());
        for (ProducerRecord<String, byte[]> r : records) {
            CompletableFuture<RecordMetadata> sent = new CompletableFuture<>();
            try {
                producer.send(r, (metadata, e) -> {
                    if (e != null) {
                        sent.completeExceptionally(e);
                    } else {
                        sent.complete(metadata);
                    }
                });
            } catch (RuntimeException e) {
                sent.completeExceptionally(e);
            }
            sends.add(sent);
        }
        return sends;
    }
}
