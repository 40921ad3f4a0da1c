package io.heliograph.message.box;

import io.heliograph.tl.api.PeerChannel;
import io.heliograph.tl.api.PeerChat;
import io.heliograph.tl.api.PeerUser;
import io.heliograph.tl.api.TPeer;

/**
 * The other side of a dialog in a box: a user, a basic group or a channel. Stored as text ({@code u<id>},
 * {@code c<id>}, {@code ch<id>}) in the dialog and history partition keys.
 */
public record Peer(Kind kind, long id) {

    /** The kinds of peer a user box holds. */
    public enum Kind {
        USER("u"), CHANNEL("ch"), CHAT("c"); // CHANNEL before CHAT: parse tries prefixes in this order

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    public Peer {
        if (id <= 0) {
            throw new IllegalArgumentException("peer id must be positive, got " + id);
        }
    }

    public static Peer user(long id) {
        return new Peer(Kind.USER, id);
    }

    public static Peer channel(long id) {
        return new Peer(Kind.CHANNEL, id);
    }

    public static Peer parse(String key) {
        for (Kind k : Kind.values()) {
            if (key.startsWith(k.prefix)) {
                return new Peer(k, Long.parseLong(key.substring(k.prefix.length())));
            }
        }
        throw new IllegalArgumentException("not a peer key: " + key);
    }

    public static Peer of(TPeer peer) {
        if (peer instanceof PeerUser u) {
            return user(u.userId());
        }
        if (peer instanceof PeerChannel c) {
            return channel(c.channelId());
        }
        if (peer instanceof PeerChat c) {
            return new Peer(Kind.CHAT, c.chatId());
        }
        throw new IllegalArgumentException("unsupported peer " + peer.tlName());
    }

    public String key() {
        return kind.prefix + id;
    }

    public TPeer toTl() {
        return switch (kind) {
            case USER -> new PeerUser(id);
            case CHAT -> new PeerChat(id);
            case CHANNEL -> new PeerChannel(id);
        };
    }

    public boolean isUser() {
        return kind == Kind.USER;
    }
}
