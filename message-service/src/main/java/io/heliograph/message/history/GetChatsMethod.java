package io.heliograph.message.history;

import io.heliograph.message.box.ChatStore;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.api.MessagesChats;
import io.heliograph.tl.api.MessagesGetChats;
import io.heliograph.tl.api.TMessagesChats;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code messages.getChats}: the basic groups named that the caller's box holds (others are left out).
 *
 * @see <a href="https://core.telegram.org/method/messages.getChats">messages.getChats</a>
 */
@Component
class GetChatsMethod implements RpcMethod<MessagesGetChats, TMessagesChats> {

    private final ChatStore chats;

    GetChatsMethod(ChatStore chats) {
        this.chats = chats;
    }

    @Override
    public Class<MessagesGetChats> function() {
        return MessagesGetChats.class;
    }

    @Override
    public Mono<TMessagesChats> handle(MessagesGetChats call, RpcContext ctx) {
        long owner = ctx.requireUser().value();
        if (call.id().size() > 200) {
            return Mono.error(RpcException.badRequest("LIMIT_INVALID"));
        }
        return Flux.fromIterable(call.id()).concatMap(id -> chats.memberChat(owner, id))
                .map(mc -> ChatStore.tl(mc, owner)).collectList().map(MessagesChats::new);
    }
}
