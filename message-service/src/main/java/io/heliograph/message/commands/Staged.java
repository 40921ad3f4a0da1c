package io.heliograph.message.commands;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code send_dedupe} and {@code box_origins} rows that changes of one lane batch have written, durable or not yet
 * (see {@link BoxWriter}): a later change of the same batch looks here before it reads Cassandra, so a retried
 * {@code random_id} or an effect delivered twice within one group is recognised as surely as across groups.
 * Every other read of a grouped change is of rows no grouped change writes, or of the box held in memory. It lives
 * for one batch of a lane: what it holds stays true after its group is written (the rows are durable then, and the box
 * has no other writer), so it also keeps what one read ahead of the batch found for the batch's {@code random_id}s.
 */
final class Staged {

    private record SentKey(long owner, long randomId) {
    }

    private record OriginKey(long owner, long originUser, int originId) {
    }

    private final Map<SentKey, int[]> sent = new HashMap<>();
    /** {@code random_id}s a read of the whole batch found unused (until one of them is staged). */
    private final Set<SentKey> unused = new HashSet<>();
    private final Map<OriginKey, Integer> origins = new HashMap<>();

    /** {@code {message id, pts, date}} of a staged send with this {@code random_id}, or null. */
    int[] sent(long owner, long randomId) {
        return sent.get(new SentKey(owner, randomId));
    }

    /** Whether {@link #sent} is the whole answer for this {@code random_id}: staged, or read and found unused. */
    boolean knowsSent(long owner, long randomId) {
        SentKey k = new SentKey(owner, randomId);
        return sent.containsKey(k) || unused.contains(k);
    }

    /** What a read ahead of the batch found for one box: the sends made, and the ids asked for and not found. */
    void read(long owner, Collection<Long> asked, Map<Long, int[]> found) {
        for (Long randomId : asked) {
            int[] s = found.get(randomId);
            if (s != null) {
                sent.put(new SentKey(owner, randomId), s);
            } else {
                unused.add(new SentKey(owner, randomId));
            }
        }
    }

    /** The box's id of a staged message with this origin, or null. */
    Integer origin(long owner, long originUser, int originId) {
        return origins.get(new OriginKey(owner, originUser, originId));
    }

    void putSent(long owner, long randomId, int messageId, int pts, int date) {
        sent.put(new SentKey(owner, randomId), new int[] {messageId, pts, date});
    }

    void putOrigin(long owner, long originUser, int originId, int messageId) {
        origins.put(new OriginKey(owner, originUser, originId), messageId);
    }

    void addAll(Staged other) {
        sent.putAll(other.sent);
        origins.putAll(other.origins);
    }
}
