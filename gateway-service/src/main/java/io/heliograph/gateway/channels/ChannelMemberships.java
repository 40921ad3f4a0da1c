package io.heliograph.gateway.channels;

import io.heliograph.events.ChannelInterest;
import io.heliograph.events.EventCodec;
import io.heliograph.events.Partitioning;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.api.Channel;
import io.heliograph.tl.api.ChannelForbidden;
import io.heliograph.tl.api.MessagesChatInviteJoinResultOk;
import io.heliograph.tl.api.MessagesInvitedUsers;
import io.heliograph.tl.api.TChat;
import io.heliograph.tl.api.TUpdate;
import io.heliograph.tl.api.UpdateChannel;
import io.heliograph.tl.api.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The channel memberships of the users online on this gateway instance, and the instance's interest in each channel's
 * posts. A user's memberships are asked of message-service ({@code GET /internal/channels/memberships/{userId}}) when
 * the user's first session here comes online, and follow the user's own updates afterwards ({@code updateChannel}
 * with the {@code Channel}: joined; with {@code left} or {@code channelForbidden}: gone). When a channel gets its first
 * online member here a {@link ChannelInterest}{@code (interested)} is published (compacted, key
 * {@code channel:instance}, partitioned by channel), and when its last one goes, {@code (not interested)}: fan-out
 * then sends each post once to this instance, which expands it to {@link #onlineMembers} locally.
 */
public final class ChannelMemberships {

    private static final Logger log = LoggerFactory.getLogger(ChannelMemberships.class);

    private final WebClient messages;
    private final Duration timeout;
    private final Producer<String, byte[]> producer;
    private final String interestTopic;
    private final String instance;
    private final Clock clock;
    private final EventCodec codec = new EventCodec();
    /** Guarded by this: online sessions per user, channels per online user, online members per channel. */
    private final Map<Long, Set<String>> sessionsOf = new HashMap<>();
    private final Map<Long, Set<Long>> channelsOf = new HashMap<>();
    private final Map<Long, Set<Long>> membersOf = new HashMap<>();
    private volatile int partitions;

    public ChannelMemberships(WebClient messages, Duration timeout, Producer<String, byte[]> producer,
            String interestTopic, String instance, Clock clock) {
        this.messages = messages;
        this.timeout = timeout;
        this.producer = producer;
        this.interestTopic = interestTopic;
        this.instance = instance;
        this.clock = clock;
    }

    /** Record of the memberships endpoint's answer. */
    public record Memberships(List<Long> channels) {
    }

    /** A session of the user is online here ({@code session} names it uniquely); the first asks for the user's channels. */
    public void online(long user, String session) {
        boolean first;
        synchronized (this) {
            Set<String> set = sessionsOf.computeIfAbsent(user, u -> new HashSet<>());
            first = set.isEmpty();
            set.add(session);
        }
        if (first && messages != null) {
            messages.get().uri("/internal/channels/memberships/{userId}", user).retrieve().bodyToMono(Memberships.class)
                    .timeout(timeout)
                    .subscribe(m -> m.channels().forEach(c -> joined(user, c)),
                            e -> log.warn("channels of user {} not loaded: {}", user, e.toString()));
        }
    }

    public void offline(long user, String session) {
        List<Long> emptied = new java.util.ArrayList<>();
        synchronized (this) {
            Set<String> set = sessionsOf.get(user);
            if (set == null || !set.remove(session) || !set.isEmpty()) {
                return;
            }
            sessionsOf.remove(user);
            for (long c : channelsOf.getOrDefault(user, Set.of())) {
                Set<Long> members = membersOf.get(c);
                if (members != null && members.remove(user) && members.isEmpty()) {
                    membersOf.remove(c);
                    emptied.add(c);
                }
            }
            channelsOf.remove(user);
        }
        emptied.forEach(c -> publish(c, false));
    }

    /** The user's update or RPC result: learns joins and leaves from {@code updateChannel} and the channel shown. */
    public void observe(long user, TlObject object) {
        Updates updates = null;
        if (object instanceof Updates u) {
            updates = u;
        } else if (object instanceof MessagesChatInviteJoinResultOk r && r.updates() instanceof Updates u) {
            updates = u;
        } else if (object instanceof MessagesInvitedUsers r && r.updates() instanceof Updates u) {
            updates = u;
        }
        if (updates == null || user == 0) {
            return;
        }
        for (TUpdate u : updates.updates()) {
            if (u instanceof UpdateChannel uc) {
                for (TChat chat : updates.chats()) {
                    if (chat instanceof Channel c && c.id() == uc.channelId()) {
                        if (c.left()) {
                            left(user, c.id());
                        } else if (!c.min()) {
                            joined(user, c.id());
                        }
                    } else if (chat instanceof ChannelForbidden f && f.id() == uc.channelId()) {
                        left(user, f.id());
                    }
                }
            }
        }
    }

    /** The users online here who are members of the channel. */
    public synchronized Set<Long> onlineMembers(long channel) {
        return Set.copyOf(membersOf.getOrDefault(channel, Set.of()));
    }

    void joined(long user, long channel) {
        boolean first;
        synchronized (this) {
            if (!sessionsOf.containsKey(user)) {
                return; // gone offline meanwhile
            }
            channelsOf.computeIfAbsent(user, u -> new HashSet<>()).add(channel);
            Set<Long> members = membersOf.computeIfAbsent(channel, c -> new HashSet<>());
            first = members.isEmpty();
            members.add(user);
        }
        if (first) {
            publish(channel, true);
        }
    }

    void left(long user, long channel) {
        boolean last;
        synchronized (this) {
            Set<Long> mine = channelsOf.get(user);
            if (mine != null) {
                mine.remove(channel);
            }
            Set<Long> members = membersOf.get(channel);
            last = members != null && members.remove(user) && members.isEmpty();
            if (last) {
                membersOf.remove(channel);
            }
        }
        if (last) {
            publish(channel, false);
        }
    }

    private void publish(long channel, boolean interested) {
        if (producer == null) {
            return;
        }
        try {
            int n = partitions;
            if (n == 0) {
                n = partitions = producer.partitionsFor(interestTopic).size();
            }
            producer.send(new ProducerRecord<>(interestTopic, Partitioning.partitionFor(channel, n), channel + ":" + instance,
                    codec.encode(new ChannelInterest(channel, instance, interested), clock.instant())), (meta, error) -> {
                        if (error != null) {
                            log.warn("interest in channel {} not published: {}", channel, error.toString());
                        }
                    });
        } catch (RuntimeException e) {
            log.warn("interest in channel {} not published: {}", channel, e.toString());
        }
    }
}
