package io.heliograph.fanout.presence;

import io.heliograph.events.SessionPresence;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The online sessions of the users whose {@code presence} partitions this instance owns, in memory, by partition:
 * the state of the compacted topic, the last record per {@code user:authKey:session} key. Written only by the
 * fan-out consumer thread; read by it and by meters and tests.
 */
public final class OnlineSessions {

    /** The identity of a presence record, parsed from its key {@code user:authKey:session}. */
    public record Key(long userId, long authKeyId, long sessionId) {

        /** Parses a record key; null when it is not three decimal numbers joined by ':'. */
        public static Key parse(String key) {
            if (key == null) {
                return null;
            }
            String[] parts = key.split(":", -1);
            if (parts.length != 3) {
                return null;
            }
            try {
                return new Key(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private record SessionRef(long authKeyId, long sessionId) {
    }

    private final Map<Integer, Map<Long, Map<SessionRef, String>>> byPartition = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    /**
     * Applies one presence record of a partition: online puts the session on its gateway instance; offline and
     * tombstones ({@code presence == null}) remove it.
     */
    public void apply(int partition, Key key, SessionPresence presence) {
        Map<Long, Map<SessionRef, String>> users = byPartition.computeIfAbsent(partition, p -> new ConcurrentHashMap<>());
        SessionRef ref = new SessionRef(key.authKeyId(), key.sessionId());
        if (presence != null && presence.online()) {
            String previous = users.computeIfAbsent(key.userId(), u -> new ConcurrentHashMap<>())
                    .put(ref, presence.gatewayInstance());
            if (previous == null) {
                count.incrementAndGet();
            }
            return;
        }
        Map<SessionRef, String> sessions = users.get(key.userId());
        if (sessions != null && sessions.remove(ref) != null) {
            count.decrementAndGet();
            if (sessions.isEmpty()) {
                users.remove(key.userId());
            }
        }
    }

    /** The online sessions of a user kept for a partition. */
    public List<OnlineSession> of(int partition, long userId) {
        Map<Long, Map<SessionRef, String>> users = byPartition.get(partition);
        Map<SessionRef, String> sessions = users == null ? null : users.get(userId);
        if (sessions == null) {
            return List.of();
        }
        return sessions.entrySet().stream()
                .map(e -> new OnlineSession(e.getKey().authKeyId(), e.getKey().sessionId(), e.getValue())).toList();
    }

    /** The online sessions of a user in whichever owned partition holds them. */
    public List<OnlineSession> of(long userId) {
        return byPartition.keySet().stream().flatMap(p -> of(p, userId).stream()).toList();
    }

    /** Forgets a partition (revoked, or about to be read again from its beginning). */
    public void drop(int partition) {
        Map<Long, Map<SessionRef, String>> users = byPartition.remove(partition);
        if (users != null) {
            count.addAndGet(-users.values().stream().mapToInt(Map::size).sum());
        }
    }

    /** How many sessions are online in all owned partitions. */
    public int count() {
        return count.get();
    }
}
