package io.heliograph.message.history;

import io.heliograph.message.box.BoxStore;
import io.heliograph.message.box.Peer;
import io.heliograph.message.channels.ChannelReads;
import io.heliograph.message.channels.Channels;
import io.heliograph.message.sync.Sync;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.api.InputDialogPeer;
import io.heliograph.tl.api.MessagesGetPeerDialogs;
import io.heliograph.tl.api.MessagesPeerDialogs;
import io.heliograph.tl.api.TDialog;
import io.heliograph.tl.api.TMessage;
import io.heliograph.tl.api.TMessagesPeerDialogs;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code messages.getPeerDialogs}: the dialogs with the peers named (those with messages), their top messages, and
 * the caller's update state.
 *
 * @see <a href="https://core.telegram.org/method/messages.getPeerDialogs">messages.getPeerDialogs</a>
 */
@Component
class GetPeerDialogsMethod implements RpcMethod<MessagesGetPeerDialogs, TMessagesPeerDialogs> {

    private final BoxStore store;
    private final InputPeers peers;
    private final Views views;
    private final Sync sync;
    private final ChannelReads channels;

    GetPeerDialogsMethod(BoxStore store, InputPeers peers, Views views, Sync sync, ChannelReads channels) {
        this.channels = channels;
        this.store = store;
        this.peers = peers;
        this.views = views;
        this.sync = sync;
    }

    @Override
    public Class<MessagesGetPeerDialogs> function() {
        return MessagesGetPeerDialogs.class;
    }

    @Override
    public Mono<TMessagesPeerDialogs> handle(MessagesGetPeerDialogs call, RpcContext ctx) {
        long owner = ctx.requireUser().value();
        if (call.peers().size() > 100) {
            return Mono.error(RpcException.badRequest("LIMIT_INVALID"));
        }
        return Flux.fromIterable(call.peers())
                .concatMap(p -> p instanceof InputDialogPeer d ? dialog(owner, d.peer())
                        : Mono.error(RpcException.badRequest("PEER_ID_INVALID")))
                .filter(d -> d.topMessage() > 0)
                .collectList()
                .flatMap(dialogs -> Flux.fromIterable(dialogs)
                        .concatMap(d -> d.peer().kind() == Peer.Kind.CHANNEL ? channels.top(d)
                                : store.message(owner, d.peer(), d.topMessage()).map(m -> m.tl()))
                        .collectList()
                        .flatMap(messages -> Mono.zip(views.usersOf(owner, messages,
                                dialogs.stream().filter(d -> d.peer().isUser()).map(d -> d.peer().id()).toList()),
                                sync.state(owner), channels.chats(owner, dialogs),
                                Flux.fromIterable(dialogs).concatMap(d -> d.peer().kind() == Peer.Kind.CHANNEL
                                        ? channels.tl(d).map(x -> (TDialog) x) : Mono.just((TDialog) Views.dialog(d))).collectList(),
                                views.chatsOf(owner, messages, List.of()))
                                .map(t -> {
                                    List<io.heliograph.tl.api.TChat> chats = new java.util.ArrayList<>(t.getT3());
                                    chats.addAll(t.getT5());
                                    return (TMessagesPeerDialogs) new MessagesPeerDialogs(t.getT4(), messages, chats,
                                            t.getT1(), t.getT2());
                                })));
    }

    /** A dialog named by an {@code InputPeer}: a channel's from the membership ({@code CHANNEL_INVALID}/{@code CHANNEL_PRIVATE}). */
    private Mono<io.heliograph.message.box.Dialog> dialog(long owner, io.heliograph.tl.api.TInputPeer input) {
        if (input instanceof io.heliograph.tl.api.InputPeerChannel) {
            return Mono.defer(() -> channels.member(owner, Channels.named(input)))
                    .flatMap(a -> channels.dialog(owner, a.channel().id()));
        }
        return peers.resolve(owner, input).flatMap(peer -> store.dialog(owner, peer));
    }
}
