package io.heliograph.message.box;

import io.heliograph.tl.TlReader;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.api.Message;
import io.heliograph.tl.api.MessageService;
import io.heliograph.tl.api.TMessage;

/**
 * A message as one box holds it: the TL {@code Message} (or {@code messageService}) from the box owner's point of
 * view, and the origin every copy of it shares (the sender and the id the sender's box gave it).
 */
public record StoredMessage(long ownerId, Peer peer, int id, boolean out, long originUserId, int originId, byte[] body) {

    public TMessage tl() {
        return (TMessage) ApiRegistry.read(new TlReader(body));
    }

    /** The message, or null for a service message (which cannot be edited). */
    public Message message() {
        return tl() instanceof Message m ? m : null;
    }

    public String text() {
        Message m = message();
        return m == null ? "" : m.message();
    }

    public int date() {
        TMessage m = tl();
        return m instanceof Message msg ? msg.date() : m instanceof MessageService s ? s.date() : 0;
    }

    public static StoredMessage of(long ownerId, Peer peer, Message m, long originUserId, int originId) {
        return new StoredMessage(ownerId, peer, m.id(), m.out(), originUserId, originId, m.toBytes());
    }

    public static StoredMessage of(long ownerId, Peer peer, MessageService m, long originUserId, int originId) {
        return new StoredMessage(ownerId, peer, m.id(), m.out(), originUserId, originId, m.toBytes());
    }
}
