package io.heliograph.message.box;

/** A dialog row of a box: the newest message, read marks and the unread count. */
public record Dialog(Peer peer, int topMessage, int topDate, int readInboxMax, int readOutboxMax, int unreadCount) {

    public static Dialog empty(Peer peer) {
        return new Dialog(peer, 0, 0, 0, 0, 0);
    }

    public Dialog withTop(int id, int date) {
        return new Dialog(peer, Math.max(topMessage, id), Math.max(topDate, date), readInboxMax, readOutboxMax, unreadCount);
    }

    public Dialog withUnread(int unread) {
        return new Dialog(peer, topMessage, topDate, readInboxMax, readOutboxMax, unread);
    }

    public Dialog withReadInbox(int max, int unread) {
        return new Dialog(peer, topMessage, topDate, max, readOutboxMax, unread);
    }

    public Dialog withReadOutbox(int max) {
        return new Dialog(peer, topMessage, topDate, readInboxMax, max, unreadCount);
    }

    public Dialog withTopReplaced(int id, int date) {
        return new Dialog(peer, id, date, readInboxMax, readOutboxMax, unreadCount);
    }
}
