package io.heliograph.message.history;

import io.heliograph.message.box.BoxStore;
import io.heliograph.message.channels.ChannelHistory;
import io.heliograph.message.channels.Channels;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.api.MessagesGetHistory;
import io.heliograph.tl.api.MessagesMessages;
import io.heliograph.tl.api.MessagesMessagesSlice;
import io.heliograph.tl.api.TMessagesMessages;
import io.heliograph.message.box.StoredMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code messages.getHistory}: a dialog's messages, newest first, from {@code offset_id} (exclusive) with
 * {@code add_offset} (negative: newer messages too), {@code limit} at most 100, {@code max_id}/{@code min_id} bounds.
 *
 * @see <a href="https://core.telegram.org/api/offsets">Pagination</a>
 */
@Component
class GetHistoryMethod implements RpcMethod<MessagesGetHistory, TMessagesMessages> {

    static final int MAX_LIMIT = 100;

    private final BoxStore store;
    private final InputPeers peers;
    private final Views views;
    private final ChannelHistory channels;

    GetHistoryMethod(BoxStore store, InputPeers peers, Views views, ChannelHistory channels) {
        this.store = store;
        this.peers = peers;
        this.views = views;
        this.channels = channels;
    }

    @Override
    public Class<MessagesGetHistory> function() {
        return MessagesGetHistory.class;
    }

    @Override
    public Mono<TMessagesMessages> handle(MessagesGetHistory call, RpcContext ctx) {
        long owner = ctx.requireUser().value();
        if (call.peer() instanceof io.heliograph.tl.api.InputPeerChannel) { // a channel's own box
            return Mono.defer(() -> channels.history(owner, Channels.named(call.peer()), call));
        }
        int limit = call.limit() <= 0 || call.limit() > MAX_LIMIT ? MAX_LIMIT : call.limit();
        if (call.addOffset() < -MAX_LIMIT || call.addOffset() > 10_000) {
            return Mono.error(RpcException.badRequest("OFFSET_INVALID"));
        }
        return peers.resolve(owner, call.peer()).flatMap(peer -> {
            int offset = call.offsetId() > 0 ? call.offsetId() : Integer.MAX_VALUE;
            int newerWanted = call.addOffset() < 0 ? Math.min(limit, -call.addOffset()) : 0;
            int skip = Math.max(0, call.addOffset());
            // newer: the nearest messages at or above offset_id (add_offset < 0 pages towards the present)
            Mono<List<StoredMessage>> newer = newerWanted == 0 || call.offsetId() <= 0 ? Mono.just(List.of())
                    : store.nearestAfter(owner, peer, call.offsetId() - 1, newerWanted).collectList()
                        .map(l -> { var r = new ArrayList<>(l); Collections.reverse(r); return r; });
            int olderWanted = limit - newerWanted;
            Mono<List<StoredMessage>> older = olderWanted <= 0 ? Mono.just(List.of())
                    : store.history(owner, peer, offset, olderWanted + skip).skip(skip).collectList();
            return newer.zipWith(older).flatMap(t -> {
                List<StoredMessage> page = new ArrayList<>(t.getT1());
                page.addAll(t.getT2());
                page.removeIf(m -> (call.maxId() > 0 && m.id() >= call.maxId()) || m.id() <= call.minId());
                var messages = Views.messages(page);
                return views.usersOf(owner, messages, List.of()).zipWith(views.chatsOf(owner, messages, List.of())).flatMap(t2 -> {
                    var users = t2.getT1();
                    var chats = t2.getT2();
                    if (page.size() < limit && call.offsetId() == 0 && call.addOffset() == 0) {
                        return Mono.just((TMessagesMessages) new MessagesMessages(messages, List.of(), chats, users));
                    }
                    return store.count(owner, peer).map(count -> (TMessagesMessages) new MessagesMessagesSlice(false,
                            count, null, null, null, messages, List.of(), chats, users));
                });
            });
        });
    }
}
