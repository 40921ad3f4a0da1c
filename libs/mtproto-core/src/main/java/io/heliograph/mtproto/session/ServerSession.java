package io.heliograph.mtproto.session;

import java.time.Clock;

/**
 * One MTProto session of an auth key: its server message ids, its sequence numbers and the layer the client speaks.
 * Sessions outlive connections: a client that reconnects with the same session id continues here.
 */
public final class ServerSession {

    private final long authKeyId;
    private final long sessionId;
    private final MessageIds ids;
    private int contentSent;
    private volatile int layer;
    private volatile ClientInfo client = ClientInfo.UNKNOWN;

    ServerSession(long authKeyId, long sessionId, Clock clock, int layer) {
        this.authKeyId = authKeyId;
        this.sessionId = sessionId;
        this.ids = new MessageIds(clock);
        this.layer = layer;
    }

    public long authKeyId() {
        return authKeyId;
    }

    public long sessionId() {
        return sessionId;
    }

    public int layer() {
        return layer;
    }

    void layer(int layer) {
        this.layer = layer;
    }

    public ClientInfo client() {
        return client;
    }

    void client(ClientInfo client) {
        this.client = client;
    }

    long nextMsgId(boolean response) {
        return ids.next(response);
    }

    /** seq_no of the next outgoing message: 2n+1 (then n++) for content-related messages, 2n otherwise. */
    synchronized int nextSeqNo(boolean contentRelated) {
        if (contentRelated) {
            return 2 * contentSent++ + 1;
        }
        return 2 * contentSent;
    }
}
