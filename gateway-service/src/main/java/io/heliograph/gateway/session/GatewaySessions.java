package io.heliograph.gateway.session;

import io.heliograph.events.EventCodec;
import io.heliograph.events.Partitioning;
import io.heliograph.events.SessionPresence;
import io.heliograph.gateway.GatewayMeters;
import io.heliograph.gateway.authkeys.RemoteAuthKeyStore;
import io.heliograph.mtproto.session.AuthKeyStore;
import io.heliograph.mtproto.session.ServerSession;
import io.heliograph.mtproto.session.SessionEvents;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions alive on this gateway instance, by auth key, and their presence: when an authorized session gets or
 * loses its connection, a {@link SessionPresence} record (keyed {@code userId:authKeyId:sessionId}, partitioned by
 * the user so it lands beside the user's updates) tells fan-out on which instance it lives.
 */
public final class GatewaySessions implements SessionEvents {

    private static final Logger log = LoggerFactory.getLogger(GatewaySessions.class);

    private final Map<Long, Set<ServerSession>> byKey = new ConcurrentHashMap<>();
    /** auth key id -> the permanent key whose identity it carries (itself, or the key a temporary one is bound to). */
    private final Map<Long, Long> permOf = new ConcurrentHashMap<>();
    private final RemoteAuthKeyStore keys;
    private volatile io.heliograph.mtproto.session.SessionRegistry registry;
    private final Producer<String, byte[]> producer;
    private final String presenceTopic;
    private final String instance;
    private final GatewayMeters meters;
    private final EventCodec codec = new EventCodec();
    private final Clock clock;
    private volatile int partitions;
    private volatile io.heliograph.gateway.channels.ChannelMemberships channels;

    public GatewaySessions(RemoteAuthKeyStore keys, Producer<String, byte[]> producer, String presenceTopic,
            String instance, GatewayMeters meters, Clock clock) {
        this.keys = keys;
        this.producer = producer;
        this.presenceTopic = presenceTopic;
        this.instance = instance;
        this.meters = meters;
        this.clock = clock;
    }

    /** Told of each user's sessions online and offline here, to follow their channel memberships. */
    public void channels(io.heliograph.gateway.channels.ChannelMemberships channels) {
        this.channels = channels;
    }

    /** The registry whose sessions these are (set once both exist). */
    public void registry(io.heliograph.mtproto.session.SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void authKeyCreated(AuthKeyStore.Entry entry) {
        meters.handshake();
    }

    @Override
    public void online(ServerSession session, AuthKeyStore.Entry key) {
        byKey.computeIfAbsent(session.authKeyId(), k -> ConcurrentHashMap.newKeySet()).add(session);
        permOf.put(session.authKeyId(), key.permKeyId());
        meters.online(1);
        publish(session, true);
    }

    @Override
    public void offline(ServerSession session) {
        meters.online(-1);
        publish(session, false);
    }

    @Override
    public void removed(ServerSession session) {
        Set<ServerSession> set = byKey.get(session.authKeyId());
        if (set != null) {
            set.remove(session);
            if (set.isEmpty()) {
                byKey.remove(session.authKeyId(), set);
                permOf.remove(session.authKeyId());
            }
        }
    }

    /** The sessions of an auth key alive here (connected or waiting for their client). */
    public Set<ServerSession> sessionsOf(long authKeyId) {
        return byKey.getOrDefault(authKeyId, Set.of());
    }

    /** Sessions of every key authorized as the user, alive here. */
    public List<ServerSession> sessionsOfUser(long userId) {
        return sessionsOfUsers(Set.of(userId));
    }

    /**
     * Sessions of every key authorized as one of {@code users}, alive here: what {@link #sessionsOfUser} gives for each
     * of them, in one pass over the keys (a channel post to 50,000 members must not scan the keys 50,000 times).
     */
    public List<ServerSession> sessionsOfUsers(Set<Long> users) {
        List<ServerSession> out = new java.util.ArrayList<>();
        if (users.isEmpty()) {
            return out;
        }
        for (Map.Entry<Long, Set<ServerSession>> e : byKey.entrySet()) {
            long user = keys.userOf(permOf.getOrDefault(e.getKey(), 0L));
            if (users.contains(user)) {
                out.addAll(e.getValue());
            }
        }
        return out;
    }

    /** A key's sessions logged in (or out): fan-out learns where the user's online sessions now are. */
    public void authorizationChanged(long permAuthKeyId) {
        permOf.forEach((authKey, perm) -> {
            if (perm == permAuthKeyId) {
                for (ServerSession s : sessionsOf(authKey)) {
                    if (s.channel() != null) {
                        publish(s, true);
                    }
                }
            }
        });
    }

    /**
     * Ends every session of a permanent key, and of the temporary keys bound to it, on this instance: what was kept
     * for them is dropped and their connections closed. Returns how many sessions there were.
     */
    public int cutOff(long permAuthKeyId, long userId) {
        java.util.List<Long> authKeys = new java.util.ArrayList<>();
        permOf.forEach((authKey, perm) -> {
            if (perm == permAuthKeyId || authKey == permAuthKeyId) {
                authKeys.add(authKey);
            }
        });
        int n = 0;
        for (long authKey : authKeys) {
            for (ServerSession s : registry.removeAll(authKey)) {
                n++;
                io.netty.channel.Channel ch = s.channel();
                if (ch != null) {
                    publish(s, false, userId); // now, while the user is still known: fan-out stops sending here
                    ch.close();
                }
                removed(s);
            }
        }
        return n;
    }

    /** A key logged itself out: its online sessions are announced offline for the user (they stay connected). */
    public void loggedOut(long permAuthKeyId, long userId) {
        permOf.forEach((authKey, perm) -> {
            if (perm == permAuthKeyId || authKey == permAuthKeyId) {
                for (ServerSession s : sessionsOf(authKey)) {
                    if (s.channel() != null) {
                        publish(s, false, userId);
                    }
                }
            }
        });
    }

    private void publish(ServerSession session, boolean online) {
        publish(session, online, keys.userOf(permOf.getOrDefault(session.authKeyId(), 0L)));
    }

    private void publish(ServerSession session, boolean online, long user) {
        if (user == 0 || producer == null) {
            return; // before login there is nobody to deliver to
        }
        SessionPresence p = new SessionPresence(user, session.authKeyId(), session.sessionId(), instance, online);
        String key = user + ":" + session.authKeyId() + ":" + session.sessionId();
        var memberships = channels;
        if (memberships != null) {
            if (online) {
                memberships.online(user, key);
            } else {
                memberships.offline(user, key);
            }
        }
        try {
            int n = partitions;
            if (n == 0) {
                n = partitions = producer.partitionsFor(presenceTopic).size();
            }
            producer.send(new ProducerRecord<>(presenceTopic, Partitioning.partitionFor(user, n), key,
                    codec.encode(p, clock.instant())), (meta, error) -> {
                        if (error != null) {
                            log.warn("presence of session {} not published: {}", session.sessionId(), error.toString());
                        }
                    });
        } catch (RuntimeException e) {
            log.warn("presence of session {} not published: {}", session.sessionId(), e.toString());
        }
    }
}
