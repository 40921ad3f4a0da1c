package io.heliograph.message.history;

import io.heliograph.message.box.BoxStore;
import io.heliograph.message.box.StoredMessage;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.api.InputMessagesFilterEmpty;
import io.heliograph.tl.api.InputPeerEmpty;
import io.heliograph.tl.api.MessagesMessages;
import io.heliograph.tl.api.MessagesSearch;
import io.heliograph.tl.api.TMessagesMessages;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code messages.search}, basic: text messages containing {@code q} (case-insensitive) in one dialog, or in every
 * dialog for {@code inputPeerEmpty}, newest first, among each dialog's newest {@value #SCAN} messages. Filters other
 * than {@code inputMessagesFilterEmpty} find nothing yet (no media).
 *
 * @see <a href="https://core.telegram.org/method/messages.search">messages.search</a>
 */
@Component
class SearchMethod implements RpcMethod<MessagesSearch, TMessagesMessages> {

    static final int SCAN = 2000;

    private final BoxStore store;
    private final InputPeers peers;
    private final Views views;

    SearchMethod(BoxStore store, InputPeers peers, Views views) {
        this.store = store;
        this.peers = peers;
        this.views = views;
    }

    @Override
    public Class<MessagesSearch> function() {
        return MessagesSearch.class;
    }

    @Override
    public Mono<TMessagesMessages> handle(MessagesSearch call, RpcContext ctx) {
        long owner = ctx.requireUser().value();
        if (call.q().length() > 256) {
            return Mono.error(RpcException.badRequest("SEARCH_QUERY_EMPTY"));
        }
        int limit = call.limit() <= 0 || call.limit() > 100 ? 100 : call.limit();
        String q = call.q().toLowerCase(Locale.ROOT);
        if (!(call.filter() instanceof InputMessagesFilterEmpty)) {
            return Mono.just(new MessagesMessages(List.of(), List.of(), List.of(), List.of()));
        }
        int before = call.offsetId() > 0 ? call.offsetId() : Integer.MAX_VALUE;
        Flux<StoredMessage> scanned = call.peer() instanceof InputPeerEmpty
                ? store.dialogs(owner).concatMap(d -> store.history(owner, d.peer(), before, SCAN))
                : peers.resolve(owner, call.peer()).flatMapMany(peer -> store.history(owner, peer, before, SCAN));
        return scanned.filter(m -> m.text().toLowerCase(Locale.ROOT).contains(q))
                .filter(m -> (call.maxId() <= 0 || m.id() < call.maxId()) && m.id() > call.minId())
                .collectSortedList((a, b) -> Integer.compare(b.id(), a.id()))
                .flatMap(found -> {
                    var page = Views.messages(found.size() > limit ? found.subList(0, limit) : found);
                    return views.usersOf(owner, page, List.of())
                            .map(users -> (TMessagesMessages) new MessagesMessages(page, List.of(), List.of(), users));
                });
    }
}
