package io.heliograph.message.history;

import io.heliograph.message.box.BoxStore;
import io.heliograph.message.channels.ChannelReads;
import io.heliograph.message.box.Dialog;
import io.heliograph.message.box.Peer;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.api.InputPeerUser;
import io.heliograph.tl.api.MessagesDialogs;
import io.heliograph.tl.api.MessagesDialogsSlice;
import io.heliograph.tl.api.MessagesGetDialogs;
import io.heliograph.tl.api.TDialog;
import io.heliograph.tl.api.TMessage;
import io.heliograph.tl.api.TMessagesDialogs;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code messages.getDialogs}: the caller's dialogs by their newest message, newest first, paged by
 * {@code offset_date}/{@code offset_id}/{@code offset_peer}; each with its top message and the users named.
 *
 * @see <a href="https://core.telegram.org/api/offsets">Pagination</a>
 */
@Component
class GetDialogsMethod implements RpcMethod<MessagesGetDialogs, TMessagesDialogs> {

    static final int MAX_LIMIT = 100;
    static final Comparator<Dialog> NEWEST_FIRST = Comparator.comparingInt(Dialog::topDate)
            .thenComparingInt(Dialog::topMessage).reversed();

    private final BoxStore store;
    private final Views views;
    private final ChannelReads channels;

    GetDialogsMethod(BoxStore store, Views views, ChannelReads channels) {
        this.store = store;
        this.views = views;
        this.channels = channels;
    }

    @Override
    public Class<MessagesGetDialogs> function() {
        return MessagesGetDialogs.class;
    }

    @Override
    public Mono<TMessagesDialogs> handle(MessagesGetDialogs call, RpcContext ctx) {
        long owner = ctx.requireUser().value();
        int limit = call.limit() <= 0 || call.limit() > MAX_LIMIT ? MAX_LIMIT : call.limit();
        if (call.folderId() != null && call.folderId() != 0) {
            return Mono.just(new MessagesDialogs(List.of(), List.of(), List.of(), List.of())); // no archive yet
        }
        return store.dialogs(owner).concatWith(channels.dialogs(owner)).filter(d -> d.topMessage() > 0)
                .collectSortedList(NEWEST_FIRST).flatMap(all -> {
            List<Dialog> after = all.stream().filter(d -> before(d, call)).toList();
            List<Dialog> page = after.size() > limit ? after.subList(0, limit) : after;
            return Flux.fromIterable(page).concatMap(d -> top(owner, d)).collectList().flatMap(messages -> {
                        List<Long> peers = page.stream().filter(d -> d.peer().isUser()).map(d -> d.peer().id()).toList();
                        Mono<List<TDialog>> tl = Flux.fromIterable(page).concatMap(d -> d.peer().kind() == Peer.Kind.CHANNEL
                                ? channels.tl(d).map(x -> (TDialog) x) : Mono.just((TDialog) Views.dialog(d))).collectList();
                        return Mono.zip(views.usersOf(owner, messages, peers), tl, channels.chats(owner, page),
                                views.chatsOf(owner, messages, List.of())).map(t -> {
                            List<TDialog> dialogs = t.getT2();
                            List<io.heliograph.tl.api.TChat> chats = new java.util.ArrayList<>(t.getT3());
                            chats.addAll(t.getT4());
                            return page.size() == all.size()
                                    ? (TMessagesDialogs) new MessagesDialogs(dialogs, messages, chats, t.getT1())
                                    : new MessagesDialogsSlice(all.size(), dialogs, messages, chats, t.getT1());
                        });
                    });
        });
    }

    private Mono<TMessage> top(long owner, Dialog d) {
        return d.peer().kind() == Peer.Kind.CHANNEL ? channels.top(d)
                : store.message(owner, d.peer(), d.topMessage()).map(m -> m.tl());
    }

    /** Whether a dialog comes after the page's offset (all of them without one). */
    private static boolean before(Dialog d, MessagesGetDialogs call) {
        if (call.offsetDate() <= 0 && call.offsetId() <= 0) {
            return true;
        }
        if (d.topDate() != call.offsetDate()) {
            return call.offsetDate() <= 0 || d.topDate() < call.offsetDate();
        }
        if (d.topMessage() != call.offsetId()) {
            return call.offsetId() <= 0 || d.topMessage() < call.offsetId();
        }
        return call.offsetPeer() instanceof InputPeerUser u && !Peer.user(u.userId()).equals(d.peer())
                && d.peer().id() < u.userId();
    }
}
