package io.heliograph.message.channels;

import io.heliograph.events.ChannelId;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.tl.api.InputChannel;
import io.heliograph.tl.api.InputPeerChannel;
import io.heliograph.tl.api.TInputChannel;
import io.heliograph.tl.api.TInputPeer;

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
}
