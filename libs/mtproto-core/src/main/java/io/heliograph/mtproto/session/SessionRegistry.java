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

    ServerSession create(long authKeyId, long sessionId) {
        return sessions.computeIfAbsent(new Key(authKeyId, sessionId), k -> new ServerSession(authKeyId, sessionId, clock, defaultLayer));
    }

    boolean destroy(long authKeyId, long sessionId) {
        return sessions.remove(new Key(authKeyId, sessionId)) != null;
    }
}
