package io.heliograph.message.history;

import io.heliograph.message.box.BoxStore;
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

    GetPeerDialogsMethod(BoxStore store, InputPeers peers, Views views, Sync sync) {
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
                .concatMap(p -> p instanceof InputDialogPeer d ? peers.resolve(owner, d.peer())
                        : Mono.error(RpcException.badRequest("PEER_ID_INVALID")))
                .concatMap(peer -> store.dialog(owner, peer))
                .filter(d -> d.topMessage() > 0)
                .collectList()
                .flatMap(dialogs -> Flux.fromIterable(dialogs)
                        .concatMap(d -> store.message(owner, d.peer(), d.topMessage()))
                        .map(m -> m.tl()).collectList()
                        .flatMap(messages -> views.usersOf(owner, messages,
                                dialogs.stream().filter(d -> d.peer().isUser()).map(d -> d.peer().id()).toList())
                                .zipWith(views.chatsOf(owner, messages, List.of()))
                                .zipWith(sync.state(owner))
                                .map(t -> {
                                    List<TDialog> tl = new ArrayList<>();
                                    dialogs.forEach(d -> tl.add(Views.dialog(d)));
                                    return (TMessagesPeerDialogs) new MessagesPeerDialogs(tl, messages, t.getT1().getT2(),
                                            t.getT1().getT1(), t.getT2());
                                })));
    }
}
