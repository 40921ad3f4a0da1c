package io.heliograph.gateway.rpc;

import io.heliograph.events.BoxCommand;
import io.heliograph.events.ChannelId;
import io.heliograph.mtproto.session.RpcException;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.api.ChannelsCreateChannel;
import io.heliograph.tl.api.ChannelsDeleteMessages;
import io.heliograph.tl.api.ChannelsEditAdmin;
import io.heliograph.tl.api.ChannelsInviteToChannel;
import io.heliograph.tl.api.ChannelsJoinChannel;
import io.heliograph.tl.api.ChannelsLeaveChannel;
import io.heliograph.tl.api.ChannelsReadHistory;
import io.heliograph.tl.api.InputChannel;
import io.heliograph.tl.api.InputPeerChannel;
import io.heliograph.tl.api.MessagesSendMessage;
import io.heliograph.tl.api.TInputChannel;
import java.util.random.RandomGenerator;

/**
 * Whose box a box command changes, which picks its {@code box-commands} partition: the channel's for a call that
 * names a channel ({@link BoxCommand#CHANNEL_METHODS}, {@code messages.sendMessage} to {@code inputPeerChannel}), a
 * new channel id for {@code channels.createChannel} (drawn here, so the command goes straight to the partition that
 * will write the channel), a basic group's own box for its membership ({@code messages.addChatUser},
 * {@code messages.deleteChatUser}), and the caller's own box otherwise.
 */
public final class BoxOwners {

    private BoxOwners() {
    }

    /** The box owner of a call; {@code 400 CHANNEL_INVALID} for a channel call that names no channel. */
    public static long of(TlObject call, long caller, RandomGenerator random) {
        if (call instanceof ChannelsCreateChannel) {
            return ChannelId.MIN + random.nextLong(ChannelId.MAX - ChannelId.MIN);
        }
        if (call instanceof io.heliograph.tl.api.MessagesAddChatUser a) {
            return a.chatId();
        }
        if (call instanceof io.heliograph.tl.api.MessagesDeleteChatUser d) {
            return d.chatId();
        }
        if (call instanceof MessagesSendMessage m) {
            return m.peer() instanceof InputPeerChannel c ? checked(c.channelId()) : caller;
        }
        TInputChannel channel = null;
        if (call instanceof ChannelsJoinChannel c) {
            channel = c.channel();
        } else if (call instanceof ChannelsLeaveChannel c) {
            channel = c.channel();
        } else if (call instanceof ChannelsInviteToChannel c) {
            channel = c.channel();
        } else if (call instanceof ChannelsEditAdmin c) {
            channel = c.channel();
        } else if (call instanceof ChannelsDeleteMessages c) {
            channel = c.channel();
        } else if (call instanceof ChannelsReadHistory c) {
            channel = c.channel();
        }
        if (channel == null) {
            return caller;
        }
        if (channel instanceof InputChannel c) {
            return checked(c.channelId());
        }
        throw new RpcException(400, "CHANNEL_INVALID");
    }

    private static long checked(long id) {
        if (!ChannelId.isChannel(id)) {
            throw new RpcException(400, "CHANNEL_INVALID");
        }
        return id;
    }
}
