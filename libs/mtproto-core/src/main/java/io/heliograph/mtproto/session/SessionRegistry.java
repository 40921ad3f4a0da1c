package io.heliograph.mtproto.session;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The live sessions of this server, by auth key and session id, independent of connections. */
public final class SessionRegistry {

    private record Key(long authKeyId, long sessionId) {
    }

    private final Map<Key, ServerSession> sessions = new ConcurrentHashMap<>();
    private final Map<Long, Long> salts = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int defaultLayer;

    public SessionRegistry(Clock clock, int defaultLayer) {
        this.clock = clock;
        this.defaultLayer = defaultLayer;
    }

    public ServerSession find(long authKeyId, long sessionId) {
        return sessions.get(new Key(authKeyId, sessionId));
    }

    ServerSession create(long authKeyId, long sessionId) {
        return sessions.computeIfAbsent(new Key(authKeyId, sessionId), k -> new ServerSession(authKeyId, sessionId, clock, defaultLayer));
    }

    /** The server salt currently valid for an auth key (a fresh random one the first time it is asked for). */
    long salt(long authKeyId, java.util.function.LongSupplier fresh) {
        return salts.computeIfAbsent(authKeyId, id -> fresh.getAsLong());
    }

    void salt(long authKeyId, long salt) {
        salts.put(authKeyId, salt);
    }

    boolean destroy(long authKeyId, long sessionId) {
        return sessions.remove(new Key(authKeyId, sessionId)) != null;
    }
}
