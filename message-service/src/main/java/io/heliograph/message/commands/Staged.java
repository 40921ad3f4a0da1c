package io.heliograph.message.commands;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code send_dedupe} and {@code box_origins} rows that changes of one writer group have written but not yet made
 * durable (see {@link BoxWriter}): a later change of the same group looks here before it reads Cassandra, so a
 * retried {@code random_id} or an effect delivered twice within one group is recognised as surely as across groups.
 * Every other read of a grouped change is of rows no grouped change writes, or of the box held in memory.
 */
final class Staged {

    private record SentKey(long owner, long randomId) {
    }

    private record OriginKey(long owner, long originUser, int originId) {
    }

    private final Map<SentKey, int[]> sent = new HashMap<>();
    private final Map<OriginKey, Integer> origins = new HashMap<>();

    /** {@code {message id, pts, date}} of a staged send with this {@code random_id}, or null. */
    int[] sent(long owner, long randomId) {
        return sent.get(new SentKey(owner, randomId));
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

    void clear() {
        sent.clear();
        origins.clear();
    }
}
