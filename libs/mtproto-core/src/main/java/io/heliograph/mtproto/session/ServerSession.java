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
    /** Recently received client msg_ids, for duplicate detection (bad_msg 19/20 and ignoring repeats). */
    private final java.util.TreeSet<Long> received = new java.util.TreeSet<>();
    private static final int REMEMBERED = 1024;

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

    /**
     * Records a client msg_id. Returns 0 when it is new, -1 when it was already received (ignore it), or 20 when it is
     * older than every id still remembered while the window is full (bad_msg_notification 20).
     */
    synchronized int receive(long msgId) {
        if (received.contains(msgId)) {
            return -1;
        }
        if (received.size() >= REMEMBERED && msgId < received.first()) {
            return 20;
        }
        received.add(msgId);
        if (received.size() > REMEMBERED) {
            received.pollFirst();
        }
        return 0;
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
