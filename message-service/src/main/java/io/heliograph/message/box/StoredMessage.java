package io.heliograph.message.box;

import io.heliograph.tl.TlReader;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.api.Message;

/**
 * A message as one box holds it: the TL {@code Message} from the box owner's point of view, and the origin every copy
 * of it shares (the sender and the id the sender's box gave it).
 */
public record StoredMessage(long ownerId, Peer peer, int id, boolean out, long originUserId, int originId, byte[] body) {

    public Message message() {
        return (Message) ApiRegistry.read(new TlReader(body));
    }

    public static StoredMessage of(long ownerId, Peer peer, Message m, long originUserId, int originId) {
        return new StoredMessage(ownerId, peer, m.id(), m.out(), originUserId, originId, m.toBytes());
    }
}
