package io.heliograph.events;

import java.util.List;
import java.util.Objects;

/**
 * What one message box asks of another box it shares a chat with: the recipient half of a private (or basic group)
 * message, and the edits, deletions and read receipts that follow it. Produced by the message-service that owns the
 * sender's box, keyed and partitioned by {@code boxOwnerId} on the owner's DC's {@link Topic#BOX_COMMANDS} (through
 * {@link CrossDcCommand} on {@link Topic#BACKBONE_INBOUND} when that DC is another), applied by the owner of that
 * box alone. Messages are named by their <em>origin</em>: the sender's user id and the id the sender's box gave them,
 * which every copy keeps, so an effect means the same in every box and applying it twice changes nothing.
 *
 * @param effectId unique per effect: the record's idempotency key
 * @param boxOwnerId the box to change (the record key)
 * @param fromUserId the user whose action this is (the sender, editor, deleter or reader)
 * @param kind what to do
 * @param chatId the basic group the message belongs to, 0 for a private chat
 * @param originId the origin message id in {@code fromUserId}'s box (new, edited message; the highest read for
 *                 {@link Kind#READ_OUTBOX}, where it is an id of {@code boxOwnerId}'s box)
 * @param originIds the origin ids deleted ({@link Kind#DELETE_MESSAGES}): messages {@code fromUserId} sent, or
 *                  those of {@code originUserIds} at the same positions when that list is given (group messages)
 * @param ownIds the ids deleted that the receiving box sent itself (so they need no mapping)
 * @param date unix time of the action
 * @param message TL bytes of the {@code Message} as the sender's box stored it (new and edited messages)
 * @param replyOriginUserId the replied-to message's origin user, 0 for no reply
 * @param replyOriginId the replied-to message's origin id
 * @param chat the basic group's latest state, for its messages and {@link Kind#CHAT_UPDATED}; null otherwise
 * @param originUserIds with {@code originIds}, the sender of each (null: all are {@code fromUserId}'s)
 */
public record PeerEffect(String effectId, long boxOwnerId, long fromUserId, Kind kind, long chatId, int originId,
        List<Integer> originIds, List<Integer> ownIds, int date, byte[] message, long replyOriginUserId, int replyOriginId,
        ChatSnapshot chat, List<Long> originUserIds) implements Event {

    /** The kinds of effect. */
    public enum Kind {
        NEW_MESSAGE, EDIT_MESSAGE, DELETE_MESSAGES, READ_OUTBOX,
        /** A basic group changed: store {@code chat} and, when {@code message} is set, the service message announcing it. */
        CHAT_UPDATED
    }

    public PeerEffect {
        Objects.requireNonNull(effectId, "effectId");
        Objects.requireNonNull(kind, "kind");
        originIds = originIds == null ? List.of() : List.copyOf(originIds);
        ownIds = ownIds == null ? List.of() : List.copyOf(ownIds);
        originUserIds = originUserIds == null ? null : List.copyOf(originUserIds);
        if (originUserIds != null && originUserIds.size() != originIds.size()) {
            throw new IllegalArgumentException("originUserIds must pair with originIds");
        }
    }

    /** A private-chat effect (no group, every origin is {@code fromUserId}'s). */
    public PeerEffect(String effectId, long boxOwnerId, long fromUserId, Kind kind, long chatId, int originId,
            List<Integer> originIds, List<Integer> ownIds, int date, byte[] message, long replyOriginUserId,
            int replyOriginId) {
        this(effectId, boxOwnerId, fromUserId, kind, chatId, originId, originIds, ownIds, date, message,
                replyOriginUserId, replyOriginId, null, null);
    }

    /** The origin user of {@code originIds.get(i)}. */
    public long originUserOf(int i) {
        return originUserIds == null ? fromUserId : originUserIds.get(i);
    }
}
