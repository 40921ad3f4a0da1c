package io.heliograph.message.history;

import io.heliograph.message.sync.Sync;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.api.MessagesAffectedHistory;
import io.heliograph.tl.api.MessagesReadMentions;
import io.heliograph.tl.api.TMessagesAffectedHistory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code messages.readMentions}: marks the caller's unread mentions in a chat as read. Mentions exist only in groups
 * and channels, so in a private chat (the only chats there are yet) there is nothing to read: the answer is the
 * caller's box pts with {@code pts_count} 0 and {@code offset} 0 (done), after the peer is checked as every read
 * method checks it ({@code 400 PEER_ID_INVALID}). GramJS calls it from {@code markAsRead} before
 * {@code messages.readHistory}.
 *
 * @see <a href="https://core.telegram.org/method/messages.readMentions">messages.readMentions</a>
 */
@Component
class ReadMentionsMethod implements RpcMethod<MessagesReadMentions, TMessagesAffectedHistory> {

    private final InputPeers peers;
    private final Sync sync;

    ReadMentionsMethod(InputPeers peers, Sync sync) {
        this.peers = peers;
        this.sync = sync;
    }

    @Override
    public Class<MessagesReadMentions> function() {
        return MessagesReadMentions.class;
    }

    @Override
    public Mono<TMessagesAffectedHistory> handle(MessagesReadMentions call, RpcContext ctx) {
        long caller = ctx.requireUser().value();
        return peers.resolve(caller, call.peer())
                .then(sync.state(caller))
                .map(state -> new MessagesAffectedHistory(state.pts(), 0, 0));
    }
}
