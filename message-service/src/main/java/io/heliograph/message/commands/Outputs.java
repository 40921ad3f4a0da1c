package io.heliograph.message.commands;

import io.heliograph.events.BoxCommand;
import io.heliograph.events.CrossDcCommand;
import io.heliograph.events.DcId;
import io.heliograph.events.Event;
import io.heliograph.events.EventCodec;
import io.heliograph.events.Partitioning;
import io.heliograph.events.PeerEffect;
import io.heliograph.events.SessionDelivery;
import io.heliograph.events.Topic;
import io.heliograph.events.UserUpdate;
import io.heliograph.platform.DcContext;
import io.heliograph.tl.TlObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The Kafka records a box command produces, addressed as the contracts say: answers to the caller's gateway instance,
 * updates to the user's {@code updates} partition, effects to the other box's {@code box-commands} partition (through
 * {@code backbone-inbound} of the other DC). Records are encoded to bytes as well, so a redelivered command replays
 * exactly what it produced the first time.
 */
public final class Outputs {

    private final DcContext dc;
    private final Producer<String, byte[]> producer;
    private final Clock clock;
    private final EventCodec codec = new EventCodec();
    private final Map<String, Integer> partitions = new ConcurrentHashMap<>();

    public Outputs(DcContext dc, Producer<String, byte[]> producer, Clock clock) {
        this.dc = dc;
        this.producer = producer;
        this.clock = clock;
    }

    /** The answer to a command: a TL object, a {@code Boolean} or a {@code List}, as the method's result reads. */
    public ProducerRecord<String, byte[]> result(BoxCommand c, Object result) {
        return delivery(c, new SessionDelivery(c.callerUserId(), c.callerAuthKeyId(), c.callerSessionId(),
                c.requestMsgId(), io.heliograph.platform.rpc.TlResults.encode(result)));
    }

    public ProducerRecord<String, byte[]> error(BoxCommand c, int code, String message) {
        return delivery(c, new SessionDelivery(c.callerUserId(), c.callerAuthKeyId(), c.callerSessionId(),
                c.requestMsgId(), new byte[0], code, message));
    }

    private ProducerRecord<String, byte[]> delivery(BoxCommand c, SessionDelivery d) {
        String topic = dc.topics().gatewayDeliveries(dc.dc(), c.gatewayInstance());
        return new ProducerRecord<>(topic, null, Long.toString(c.callerAuthKeyId()), encode(d));
    }

    /** An update for every online session of a user of this DC (except the device that has it as its answer). */
    public ProducerRecord<String, byte[]> update(long userId, int pts, int ptsCount, TlObject updates, long excludeAuthKeyId) {
        return update(dc.dc().value(), userId, pts, ptsCount, updates, excludeAuthKeyId);
    }

    /** As {@link #update(long, int, int, TlObject, long)}, for a user whose home is {@code homeDc}. */
    public ProducerRecord<String, byte[]> update(int homeDc, long userId, int pts, int ptsCount, TlObject updates,
            long excludeAuthKeyId) {
        String topic = dc.topics().name(Topic.UPDATES, DcId.of(homeDc));
        return new ProducerRecord<>(topic, partition(topic, userId), Long.toString(userId),
                encode(new UserUpdate(userId, pts, ptsCount, updates.toBytes(), excludeAuthKeyId)));
    }

    /** A channel's update for fan-out to the online members: {@code channel-posts}, keyed and partitioned by channel. */
    public ProducerRecord<String, byte[]> channelPost(long channelId, int pts, int ptsCount, TlObject updates) {
        String topic = dc.topic(Topic.CHANNEL_POSTS);
        return new ProducerRecord<>(topic, partition(topic, channelId), Long.toString(channelId),
                encode(new io.heliograph.events.ChannelPost(channelId, pts, ptsCount, updates.toBytes())));
    }

    /** An effect on another box, whose home DC is {@code homeDc}. */
    public ProducerRecord<String, byte[]> effect(PeerEffect effect, int homeDc) {
        if (homeDc == dc.dc().value()) {
            String topic = dc.topic(Topic.BOX_COMMANDS);
            return new ProducerRecord<>(topic, partition(topic, effect.boxOwnerId()), Long.toString(effect.boxOwnerId()),
                    encode(effect));
        }
        String topic = dc.topics().name(Topic.BACKBONE_INBOUND, DcId.of(homeDc));
        return new ProducerRecord<>(topic, partition(topic, effect.boxOwnerId()), Long.toString(effect.boxOwnerId()),
                encode(new CrossDcCommand(dc.dc().value(), effect)));
    }

    /** The same effect, moved from {@code backbone-inbound} to this DC's {@code box-commands}. */
    public ProducerRecord<String, byte[]> relayed(PeerEffect effect) {
        return effect(effect, dc.dc().value());
    }

    /** This DC's id. */
    public int dc() {
        return dc.dc().value();
    }

    public int partition(String topic, long entityId) {
        int n = partitions.computeIfAbsent(topic, t -> {
            int count = producer.partitionsFor(t).size();
            if (count == 0) { // not cached: a topic created a moment ago shows its partitions a moment later
                throw new IllegalStateException(t + " shows no partitions yet");
            }
            return count;
        });
        return Partitioning.partitionFor(entityId, n);
    }

    private byte[] encode(Event event) {
        return codec.encode(event, clock.instant());
    }

    // ---- outcomes ----------------------------------------------------------------------------------------------------

    public static byte[] encode(List<ProducerRecord<String, byte[]>> records) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(records.size());
            for (ProducerRecord<String, byte[]> r : records) {
                out.writeUTF(r.topic());
                out.writeInt(r.partition() == null ? -1 : r.partition());
                out.writeUTF(r.key());
                out.writeInt(r.value().length);
                out.write(r.value());
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<ProducerRecord<String, byte[]>> decode(byte[] encoded) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
            int n = in.readInt();
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String topic = in.readUTF();
                int partition = in.readInt();
                String key = in.readUTF();
                byte[] value = in.readNBytes(in.readInt());
                records.add(new ProducerRecord<>(topic, partition < 0 ? null : partition, key, value));
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt command outcome", e);
        }
    }
}
