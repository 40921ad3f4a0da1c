package io.heliograph.mtproto.session;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The live sessions of this server, by auth key and session id, independent of connections. */
public final class SessionRegistry {

    private record Key(long authKeyId, long sessionId) {
    }

    /** Sessions one auth key may hold here; a new one beyond it ends the key's oldest (Telegram limits them too). */
    public static final int MAX_SESSIONS_PER_KEY = 32;

    private final Map<Key, ServerSession> sessions = new ConcurrentHashMap<>();
    /** Each key's session ids in the order they were created, to end the oldest beyond the limit. */
    private final Map<Long, java.util.Deque<Long>> byKey = new ConcurrentHashMap<>();
    private final ServerSalts salts;
    private final Clock clock;
    private final int defaultLayer;

    /** With a random salt secret: salts then agree only within this process. */
    public SessionRegistry(Clock clock, int defaultLayer) {
        this(clock, defaultLayer, randomSecret());
    }

    /** With a salt secret shared by every gateway instance of the DC. */
    public SessionRegistry(Clock clock, int defaultLayer, byte[] saltSecret) {
        this.clock = clock;
        this.defaultLayer = defaultLayer;
        this.salts = new ServerSalts(saltSecret, clock);
    }

    private static byte[] randomSecret() {
        byte[] b = new byte[32];
        new java.security.SecureRandom().nextBytes(b);
        return b;
    }

    public ServerSalts salts() {
        return salts;
    }

    public ServerSession find(long authKeyId, long sessionId) {
        return sessions.get(new Key(authKeyId, sessionId));
    }

    /**
     * The session, created if new. When the key already holds {@link #MAX_SESSIONS_PER_KEY} sessions here, its oldest
     * is ended and returned through {@code evicted} so the caller can tell the server around it.
     */
    ServerSession create(io.heliograph.mtproto.crypto.AuthKey key, long sessionId,
            java.util.function.Consumer<ServerSession> evicted) {
        boolean[] created = new boolean[1];
        ServerSession s = sessions.computeIfAbsent(new Key(key.id(), sessionId), k -> {
            created[0] = true;
            return new ServerSession(key, sessionId, clock, defaultLayer);
        });
        if (created[0]) {
            java.util.Deque<Long> ids = byKey.computeIfAbsent(key.id(), k -> new java.util.concurrent.ConcurrentLinkedDeque<>());
            ids.addLast(sessionId);
            while (ids.size() > MAX_SESSIONS_PER_KEY) {
                Long oldest = ids.pollFirst();
                if (oldest != null && oldest != sessionId) {
                    ServerSession gone = sessions.remove(new Key(key.id(), oldest));
                    if (gone != null) {
                        evicted.accept(gone);
                    }
                }
            }
        }
        return s;
    }

    ServerSession destroy(long authKeyId, long sessionId) {
        ServerSession gone = sessions.remove(new Key(authKeyId, sessionId));
        if (gone != null) {
            forget(gone);
        }
        return gone;
    }

    private void forget(ServerSession s) {
        java.util.Deque<Long> ids = byKey.get(s.authKeyId());
        if (ids != null) {
            ids.remove(s.sessionId());
            if (ids.isEmpty()) {
                byKey.remove(s.authKeyId(), ids);
            }
        }
    }

    /** Live sessions. */
    public int size() {
        return sessions.size();
    }

    /**
     * Forgets sessions without a connection whose client has not been seen for {@code idleMillis}: what was kept for
     * them is dropped, and the client that comes back later gets new_session_created. Returns the sessions removed.
     */
    public java.util.List<ServerSession> expire(long idleMillis) {
        long cutoff = clock.millis() - idleMillis;
        java.util.List<ServerSession> removed = new java.util.ArrayList<>();
        for (var e : sessions.entrySet()) {
            ServerSession s = e.getValue();
            if (s.channel() == null && s.lastSeenMillis() < cutoff && sessions.remove(e.getKey(), s)) {
                forget(s);
                removed.add(s);
            }
        }
        return removed;
    }

    /** Forgets every session of an auth key (the key was destroyed, or its authorization reset); returns them. */
    public java.util.List<ServerSession> removeAll(long authKeyId) {
        java.util.List<ServerSession> removed = new java.util.ArrayList<>();
        java.util.Deque<Long> ids = byKey.remove(authKeyId);
        if (ids != null) {
            for (Long sessionId : ids) {
                ServerSession s = sessions.remove(new Key(authKeyId, sessionId));
                if (s != null) {
                    removed.add(s);
                }
            }
        }
        return removed;
    }
}
