package io.heliograph.message.box;

/**
 * A box's counters as its single writer holds them: the last message id given, the pts reached, and the offset of
 * the last command applied (in the box's box-commands partition). A new box starts at pts 1, as Telegram's do.
 */
public record BoxState(long ownerId, int lastMessageId, int pts, long appliedOffset) {

    public static BoxState empty(long ownerId) {
        return new BoxState(ownerId, 0, 1, -1);
    }

    public BoxState next(int messages, int ptsCount, long offset) {
        return new BoxState(ownerId, lastMessageId + messages, pts + ptsCount, offset);
    }
}
