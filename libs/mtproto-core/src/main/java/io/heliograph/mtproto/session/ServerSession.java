package io.heliograph.mtproto.session;

import io.netty.channel.Channel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One MTProto session of an auth key: its server message ids, its sequence numbers and the layer the client speaks.
 * Sessions outlive connections: a client that reconnects with the same session id continues here.
 */
public final class ServerSession {

    private final long authKeyId;
    private final long sessionId;
    private final io.heliograph.mtproto.crypto.AuthKey key;
    private final Clock clock;
    private final MessageIds ids;
    private volatile long lastSeenMillis;
    private boolean everAttached;
    /** Pushed objects waiting for the session's next connection (no msg_id yet: they get fresh ones when sent). */
    private final java.util.ArrayDeque<byte[]> parked = new java.util.ArrayDeque<>();
    private long parkedBytes;
    /** Completes when the answer to the latest API call has been queued: answers leave in the order calls arrived. */
    private java.util.concurrent.CompletableFuture<Void> answerChain = java.util.concurrent.CompletableFuture.completedFuture(null);
    private int contentSent;
    private volatile int layer;
    private volatile ClientInfo client = ClientInfo.UNKNOWN;
    /** Recently received client msg_ids, for duplicate detection (bad_msg 19/20 and ignoring repeats). */
    private final java.util.TreeMap<Long, Integer> received = new java.util.TreeMap<>();
    private static final int REMEMBERED = 1024;
    private static final int MAX_UNACKED = 1024;
    private static final long MAX_UNACKED_BYTES = 8L << 20;

    /** A content-related message sent to the client and not yet acknowledged, kept to be sent again. */
    record Pending(long msgId, int seqNo, byte[] body) {
    }

    private final LinkedHashMap<Long, Pending> unacked = new LinkedHashMap<>();
    private long unackedBytes;
    private volatile Channel channel;
    /** API calls still running, by the client's msg_id, for invokeAfterMsg(s). */
    private final java.util.Map<Long, java.util.concurrent.CompletableFuture<Void>> running = new java.util.concurrent.ConcurrentHashMap<>();
    /** Which server message answered a client request (bounded), to answer a repeated request again. */
    private final LinkedHashMap<Long, long[]> answers = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Long, long[]> eldest) {
            return size() > REMEMBERED;
        }
    };

    ServerSession(io.heliograph.mtproto.crypto.AuthKey key, long sessionId, Clock clock, int layer) {
        this.authKeyId = key.id();
        this.key = key;
        this.sessionId = sessionId;
        this.clock = clock;
        this.ids = new MessageIds(clock);
        this.layer = layer;
        this.lastSeenMillis = clock.millis();
    }

    io.heliograph.mtproto.crypto.AuthKey key() {
        return key;
    }

    /** When the client last sent anything in this session, or its connection closed (epoch millis). */
    public long lastSeenMillis() {
        return lastSeenMillis;
    }

    void seen() {
        lastSeenMillis = clock.millis();
    }

    /**
     * Queues this call's answer behind the answers of the calls that arrived before it; returns what to wait for
     * before sending.
     */
    synchronized java.util.concurrent.CompletableFuture<Void> chainAnswer(java.util.concurrent.CompletableFuture<Void> mine) {
        java.util.concurrent.CompletableFuture<Void> previous = answerChain;
        answerChain = mine;
        return previous;
    }

    /** Keeps a push for the next connection, bounded like the unacknowledged messages (the oldest go first). */
    synchronized void park(byte[] body) {
        parked.addLast(body);
        parkedBytes += body.length;
        while (parked.size() > MAX_UNACKED || parkedBytes > MAX_UNACKED_BYTES) {
            parkedBytes -= parked.removeFirst().length;
        }
    }

    synchronized List<byte[]> drainParked() {
        List<byte[]> out = new ArrayList<>(parked);
        parked.clear();
        parkedBytes = 0;
        return out;
    }

    /** Pushes waiting for a connection. */
    public synchronized int parkedCount() {
        return parked.size();
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
        return receive(msgId, -1);
    }

    /**
     * Records a client msg_id and its seqno. Returns 0 when it is new, -1 when it was already received (ignore it), 20
     * when it is older than every id still remembered while the window is full, 32 when its seqno is lower than that
     * of an earlier message, 33 when higher than that of a later one (bad_msg_notification codes).
     */
    synchronized int receive(long msgId, int seqNo) {
        if (received.containsKey(msgId)) {
            return -1;
        }
        if (received.size() >= REMEMBERED && msgId < received.firstKey()) {
            return 20;
        }
        if (seqNo >= 0) {
            var before = received.lowerEntry(msgId);
            if (before != null && before.getValue() > seqNo) {
                return 32;
            }
            var after = received.higherEntry(msgId);
            if (after != null && after.getValue() >= 0 && after.getValue() < seqNo) {
                return 33;
            }
        }
        received.put(msgId, seqNo);
        if (received.size() > REMEMBERED) {
            received.pollFirstEntry();
        }
        return 0;
    }

    /**
     * The state byte of {@code msgs_state_info} for a client msg_id: 1 nothing known, 2 too low, 3 too high, 4 received
     * (+8: acknowledged, as the server acknowledges what it receives at once).
     *
     * @see <a href="https://core.telegram.org/mtproto/service_messages_about_messages">Service messages about messages</a>
     */
    synchronized int state(long msgId, long nowSeconds) {
        if (received.containsKey(msgId)) {
            return 4 | 8;
        }
        if (MessageIds.seconds(msgId) > nowSeconds + 30) {
            return 3;
        }
        if (received.size() >= REMEMBERED && msgId < received.firstKey()) {
            return 2;
        }
        return 1;
    }

    /** Keeps a sent content-related message until the client acknowledges it (bounded: the oldest go first). */
    synchronized void sent(Pending p) {
        unacked.put(p.msgId(), p);
        unackedBytes += p.body().length;
        var it = unacked.values().iterator();
        while ((unacked.size() > MAX_UNACKED || unackedBytes > MAX_UNACKED_BYTES) && it.hasNext()) {
            unackedBytes -= it.next().body().length;
            it.remove();
        }
    }

    synchronized void acked(Collection<Long> msgIds) {
        for (Long id : msgIds) {
            Pending p = unacked.remove(id);
            if (p != null) {
                unackedBytes -= p.body().length;
            }
        }
    }

    synchronized List<Pending> unacked() {
        return new ArrayList<>(unacked.values());
    }

    synchronized Pending pending(long msgId) {
        return unacked.get(msgId);
    }

    /** Marks a call as running; the returned future completes when its answer is queued. */
    java.util.concurrent.CompletableFuture<Void> started(long msgId) {
        java.util.concurrent.CompletableFuture<Void> f = new java.util.concurrent.CompletableFuture<>();
        running.put(msgId, f);
        f.whenComplete((v, e) -> running.remove(msgId));
        return f;
    }

    boolean isRunning(long msgId) {
        return running.containsKey(msgId);
    }

    /** Completes when every listed call has been answered (calls not running complete at once). */
    java.util.concurrent.CompletableFuture<Void> after(Collection<Long> msgIds) {
        List<java.util.concurrent.CompletableFuture<Void>> waits = new ArrayList<>();
        for (Long id : msgIds) {
            java.util.concurrent.CompletableFuture<Void> f = running.get(id);
            if (f != null) {
                waits.add(f);
            }
        }
        return java.util.concurrent.CompletableFuture.allOf(waits.toArray(java.util.concurrent.CompletableFuture[]::new));
    }

    synchronized void answered(long requestMsgId, long answerMsgId, int bytes) {
        answers.put(requestMsgId, new long[] {answerMsgId, bytes});
    }

    /** The kept answer to a request, if the client has not acknowledged it yet. */
    synchronized Pending answerTo(long requestMsgId) {
        long[] answer = answers.get(requestMsgId);
        return answer == null ? null : unacked.get(answer[0]);
    }

    /** The msg_id and size of the answer to a request, or null when none was sent. */
    synchronized long[] answerInfo(long requestMsgId) {
        return answers.get(requestMsgId);
    }

    /** The connection the session is on, or null while it has none; answers and pushes go there. */
    public Channel channel() {
        return channel;
    }

    /** Moves the session to {@code ch}; true when it had a connection before (a reconnect: resend what is unacked). */
    synchronized boolean attach(Channel ch) {
        if (channel == ch) {
            return false;
        }
        channel = ch;
        boolean again = everAttached;
        everAttached = true;
        return again;
    }

    /** The connection {@code ch} closed: the session has none until the client comes back; true if it was on it. */
    synchronized boolean detach(Channel ch) {
        if (channel != ch) {
            return false;
        }
        channel = null;
        lastSeenMillis = clock.millis();
        return true;
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
