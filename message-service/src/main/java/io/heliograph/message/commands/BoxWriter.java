package io.heliograph.message.commands;

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
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the boxes of the {@code box-commands} partitions this instance owns. For each record: apply
 * the command to its box in memory, write the rows and the command's outcome as one logged batch, and only then
 * produce its records. A record at or below the box's applied offset was applied before a crash or rebalance: its
 * stored outcome is produced again instead, so redelivery changes nothing.
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
    private final EventCodec codec = new EventCodec();
    /** Boxes by partition, then owner. Each inner map is touched by the one thread applying that partition. */
    private final Map<Integer, Map<Long, Box>> boxes = new ConcurrentHashMap<>();

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

    /** Applies one record to its box; throws when the box could not be written: the record must be retried. */
    @Override
    public List<CompletableFuture<RecordMetadata>> apply(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope;
        try {
            envelope = codec.decode(record.value());
        } catch (RuntimeException e) {
            log.warn("box-commands {}:{} is not an event, skipped: {}", record.partition(), record.offset(), e.getMessage());
            meters.counter("heliograph.message.commands", "kind", "invalid", "outcome", "skipped").increment();
            return List.of();
        }
        long owner;
        String id;
        if (envelope.event() instanceof BoxCommand c) {
            owner = c.boxOwnerId();
            id = c.commandId();
        } else if (envelope.event() instanceof PeerEffect e) {
            owner = e.boxOwnerId();
            id = e.effectId();
        } else {
            log.warn("box-commands {}:{} carries {}, skipped", record.partition(), record.offset(), envelope.type());
            return List.of();
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
            return outcome == null ? List.of() : send(Outputs.decode(outcome));
        }
        Change change = new Change(box, record.offset());
        String kind = envelope.type();
        try {
            if (envelope.event() instanceof BoxCommand c) {
                kind = command(change, c);
            } else {
                PeerEffect e = (PeerEffect) envelope.event();
                kind = "effect." + e.kind().name().toLowerCase(java.util.Locale.ROOT);
                messages.apply(change, e);
            }
        } catch (RpcException e) {
            if (envelope.event() instanceof BoxCommand c) {
                meters.counter("heliograph.message.commands", "kind", kind, "outcome", e.type()).increment();
                return send(List.of(out.error(c, e.code(), e.type())));
            }
            log.warn("effect {} refused: {}", id, e.type());
            return List.of();
        } catch (RuntimeException e) {
            partitionBoxes.remove(owner);
            throw e;
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
            try {
                PrivateMessages.await(store.batch(change.statements));
            } catch (RuntimeException e) {
                partitionBoxes.remove(owner); // the batch may have been applied: reload and replay
                throw e;
            }
            Box held = box;
            held.state = after;
            change.dialogs.forEach((peer, d) -> {
                if (d.topMessage() > 0) {
                    held.dialogs.put(peer, d);
                } else {
                    held.dialogs.remove(peer);
                }
            });
        }
        meters.counter("heliograph.message.commands", "kind", kind, "outcome", "ok").increment();
        return send(change.records);
    }

    private String command(Change change, BoxCommand c) {
        TlObject call;
        try {
            call = ApiRegistry.read(new TlReader(c.request()));
        } catch (RuntimeException e) { // TlDecodeException, or a constructor check of a decoded record
            throw RpcException.badRequest("INPUT_METHOD_INVALID");
        }
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
