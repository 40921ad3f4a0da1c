package io.heliograph.message.channels;

import io.heliograph.events.ChannelId;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.tl.api.InputChannel;
import io.heliograph.tl.api.InputPeerChannel;
import io.heliograph.tl.api.TInputChannel;
import io.heliograph.tl.api.TInputPeer;
import io.heliograph.tl.api.TMessageEntity;
import java.util.List;

/** Checks shared by the channel commands and read methods: the channel a client names, and message entities. */
public final class Channels {

    /** A channel as a client named it: id and the access hash it showed. */
    public record Named(long id, long accessHash) {
    }

    private Channels() {
    }

    /** The channel an {@code InputChannel} names ({@code CHANNEL_INVALID} for anything else, or another box's). */
    public static Named named(TInputChannel input, long box) {
        Named n = named(input);
        if (n.id() != box) {
            throw RpcException.badRequest("CHANNEL_INVALID");
        }
        return n;
    }

    public static Named named(TInputChannel input) {
        if (input instanceof InputChannel c && ChannelId.isChannel(c.channelId())) {
            return new Named(c.channelId(), c.accessHash());
        }
        throw RpcException.badRequest("CHANNEL_INVALID");
    }

    /** The channel an {@code InputPeer} names, or null when it names no channel. */
    public static Named named(TInputPeer input) {
        if (input instanceof InputPeerChannel c) {
            if (!ChannelId.isChannel(c.channelId())) {
                throw RpcException.badRequest("CHANNEL_INVALID");
            }
            return new Named(c.channelId(), c.accessHash());
        }
        return null;
    }

    /** Entities must lie within the text (offsets and lengths in UTF-16 units). */
    static void checkEntities(String text, List<TMessageEntity> entities) {
        if (entities == null) {
            return;
        }
        if (entities.size() > 1000) {
            throw RpcException.badRequest("ENTITIES_TOO_LONG");
        }
        for (TMessageEntity e : entities) {
            int[] range = io.heliograph.message.commands.EntityRange.of(e);
            if (range == null || range[0] < 0 || range[1] <= 0 || range[0] + range[1] > text.length()) {
                throw RpcException.badRequest("ENTITY_BOUNDS_INVALID");
            }
        }
    }
}
