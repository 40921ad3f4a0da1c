package io.heliograph.mtproto.session;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The live sessions of this server, by auth key and session id, independent of connections. */
public final class SessionRegistry {

    private record Key(long authKeyId, long sessionId) {
    }

    private final Map<Key, ServerSession> sessions = new ConcurrentHashMap<>();
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

    ServerSession create(io.heliograph.mtproto.crypto.AuthKey key, long sessionId) {
        return sessions.computeIfAbsent(new Key(key.id(), sessionId), k -> new ServerSession(key, sessionId, clock, defaultLayer));
    }

    ServerSession destroy(long authKeyId, long sessionId) {
        return sessions.remove(new Key(authKeyId, sessionId));
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
                removed.add(s);
            }
        }
        return removed;
    }

    /** Forgets every session of an auth key (the key was destroyed); returns them. */
    public java.util.List<ServerSession> removeAll(long authKeyId) {
        java.util.List<ServerSession> removed = new java.util.ArrayList<>();
        for (var e : sessions.entrySet()) {
            if (e.getKey().authKeyId() == authKeyId && sessions.remove(e.getKey(), e.getValue())) {
                removed.add(e.getValue());
            }
        }
        return removed;
    }
}
