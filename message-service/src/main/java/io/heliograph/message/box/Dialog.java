package io.heliograph.message.box;

/**
 * A dialog row of a box: the newest message, read marks and the unread count; for a private dialog also
 * {@code maxOriginIn}, the highest origin id of the messages received in it (0: not known), which is how the box's
 * writer recognises an incoming message delivered twice without a read (V11 of the message-service tables).
 */
public record Dialog(Peer peer, int topMessage, int topDate, int readInboxMax, int readOutboxMax, int unreadCount,
        int maxOriginIn) {

    public Dialog(Peer peer, int topMessage, int topDate, int readInboxMax, int readOutboxMax, int unreadCount) {
        this(peer, topMessage, topDate, readInboxMax, readOutboxMax, unreadCount, 0);
    }

    public static Dialog empty(Peer peer) {
        return new Dialog(peer, 0, 0, 0, 0, 0, 0);
    }

    /** With an incoming message of origin id {@code originId} applied. */
    public Dialog withOriginIn(int originId) {
        return new Dialog(peer, topMessage, topDate, readInboxMax, readOutboxMax, unreadCount,
                Math.max(maxOriginIn, originId));
    }

    public Dialog withTop(int id, int date) {
        return new Dialog(peer, Math.max(topMessage, id), Math.max(topDate, date), readInboxMax, readOutboxMax, unreadCount, maxOriginIn);
    }

    public Dialog withUnread(int unread) {
        return new Dialog(peer, topMessage, topDate, readInboxMax, readOutboxMax, unread, maxOriginIn);
    }

    public Dialog withReadInbox(int max, int unread) {
        return new Dialog(peer, topMessage, topDate, max, readOutboxMax, unread, maxOriginIn);
    }

    public Dialog withReadOutbox(int max) {
        return new Dialog(peer, topMessage, topDate, readInboxMax, max, unreadCount, maxOriginIn);
    }

    public Dialog withTopReplaced(int id, int date) {
        return new Dialog(peer, id, date, readInboxMax, readOutboxMax, unreadCount, maxOriginIn);
    }
}
