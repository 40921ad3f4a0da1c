package io.heliograph.message.channels;

import io.heliograph.message.box.BoxStore;
import io.heliograph.message.box.Dialog;
import io.heliograph.message.box.Peer;
import io.heliograph.message.users.SessionUsers;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.tl.api.Message;
import io.heliograph.tl.api.MessageService;
import io.heliograph.tl.api.MessagesChannelMessages;
import io.heliograph.tl.api.PeerNotifySettings;
import io.heliograph.tl.api.PeerUser;
import io.heliograph.tl.api.TChat;
import io.heliograph.tl.api.TMessage;
import io.heliograph.tl.api.TUser;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the read methods need of channels: the access check of a channel a client names (the access hash:
 * {@code CHANNEL_INVALID}; membership: {@code CHANNEL_PRIVATE}), history pages, and a member's channel dialogs.
 */
@Component
public class ChannelReads {

    /** A channel a member reads: the channel, the member, and the channel box's pts. */
    public record Access(ChannelInfo channel, Participant member, int pts) {
        public TChat tl() {
            return channel.tl(member);
        }
    }

    private final ChannelStore store;
    private final BoxStore boxes;
    private final SessionUsers users;

    public ChannelReads(ChannelStore store, BoxStore boxes, SessionUsers users) {
        this.store = store;
        this.boxes = boxes;
        this.users = users;
    }

    public ChannelStore store() {
        return store;
    }

    /** The channel, if the caller named it with its access hash and is a member. */
    public Mono<Access> member(long caller, Channels.Named named) {
        return store.channel(named.id())
                .filter(c -> c.accessHash() == named.accessHash())
                .switchIfEmpty(Mono.error(() -> RpcException.badRequest("CHANNEL_INVALID")))
                .flatMap(c -> store.participant(c.id(), caller)
                        .switchIfEmpty(Mono.error(() -> RpcException.badRequest("CHANNEL_PRIVATE")))
                        .flatMap(p -> boxes.state(c.id()).map(s -> new Access(c, p, s.pts()))));
    }

    /** A history page below {@code beforeId}, with the channel and the users its messages name. */
    public Mono<MessagesChannelMessages> page(long caller, Access a, List<ChannelStore.Post> posts, boolean slice) {
        List<TMessage> messages = posts.stream().map(ChannelStore.Post::message).toList();
        return usersOf(caller, messages).map(u -> new MessagesChannelMessages(false, a.pts(),
                slice ? Math.max(messages.size(), a.channel().topMessage()) : messages.size(), null, messages, List.of(),
                List.of(a.tl()), u));
    }

    public Mono<List<TUser>> usersOf(long viewer, Collection<TMessage> messages) {
        Set<Long> ids = new LinkedHashSet<>();
        for (TMessage m : messages) {
            if (m instanceof Message msg && msg.fromId() instanceof PeerUser u) {
                ids.add(u.userId());
            } else if (m instanceof MessageService s && s.fromId() instanceof PeerUser u) {
                ids.add(u.userId());
            }
        }
        return ids.isEmpty() ? Mono.just(List.of()) : users.tl(viewer, ids);
    }

    /** A member's channel dialogs (as box dialogs, peer kind CHANNEL), with unread counts. */
    public Flux<Dialog> dialogs(long user) {
        return store.memberships(user).concatMap(m -> store.channel(m.channelId()).flatMap(c -> dialog(m, c)));
    }

    public Mono<Dialog> dialog(long user, long channel) {
        return store.membership(user, channel).flatMap(m -> store.channel(channel).flatMap(c -> dialog(m, c)));
    }

    private Mono<Dialog> dialog(ChannelStore.Membership m, ChannelInfo c) {
        return store.countAfter(c.id(), m.readInboxMax(), c.topMessage(), 1000).map(unread -> new Dialog(
                Peer.channel(c.id()), c.topMessage(), c.topDate(), m.readInboxMax(), c.topMessage(), unread));
    }

    /** The TL dialog of a channel: with the channel box's pts, which clients need to sync it. */
    public Mono<io.heliograph.tl.api.Dialog> tl(Dialog d) {
        return boxes.state(d.peer().id()).map(s -> new io.heliograph.tl.api.Dialog(false, false, false, d.peer().toTl(),
                d.topMessage(), d.readInboxMax(), d.readOutboxMax(), d.unreadCount(), 0, 0, 0,
                new PeerNotifySettings(null, null, null, null, null, null, null, null, null, null, null), s.pts(), null,
                null, null));
    }

    /** The top message of a channel dialog. */
    public Mono<TMessage> top(Dialog d) {
        return store.post(d.peer().id(), d.topMessage()).map(ChannelStore.Post::message);
    }

    /** The channels of these dialogs as their member sees them. */
    public Mono<List<TChat>> chats(long viewer, Collection<Dialog> dialogs) {
        return Flux.fromIterable(dialogs).filter(d -> d.peer().kind() == Peer.Kind.CHANNEL)
                .concatMap(d -> store.channel(d.peer().id()).flatMap(c -> store.participant(c.id(), viewer)
                        .map(p -> (TChat) c.tl(p)).defaultIfEmpty(c.tl(null))))
                .collectList();
    }
}
