package io.heliograph.message.history;

import io.heliograph.message.box.ChatStore;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.api.ChatFull;
import io.heliograph.tl.api.MessagesChatFull;
import io.heliograph.tl.api.MessagesGetFullChat;
import io.heliograph.tl.api.PeerNotifySettings;
import io.heliograph.tl.api.TMessagesChatFull;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code messages.getFullChat}: a basic group the caller is in, with its participants and their users.
 *
 * @see <a href="https://core.telegram.org/method/messages.getFullChat">messages.getFullChat</a>
 */
@Component
class GetFullChatMethod implements RpcMethod<MessagesGetFullChat, TMessagesChatFull> {

    private final ChatStore chats;
    private final Views views;

    GetFullChatMethod(ChatStore chats, Views views) {
        this.chats = chats;
        this.views = views;
    }

    @Override
    public Class<MessagesGetFullChat> function() {
        return MessagesGetFullChat.class;
    }

    @Override
    public Mono<TMessagesChatFull> handle(MessagesGetFullChat call, RpcContext ctx) {
        long owner = ctx.requireUser().value();
        return chats.memberChat(owner, call.chatId())
                .switchIfEmpty(Mono.error(() -> RpcException.badRequest("CHAT_ID_INVALID")))
                .flatMap(mc -> views.usersOf(owner, List.of(), mc.chat().participants().keySet()).map(users -> {
                    ChatFull full = ChatFull.builder().id(mc.chat().chatId()).about("")
                            .participants(ChatStore.participants(mc.chat()))
                            .notifySettings(new PeerNotifySettings(null, null, null, null, null, null, null, null, null, null, null))
                            .build();
                    return (TMessagesChatFull) new MessagesChatFull(full, List.of(ChatStore.tl(mc, owner)), users);
                }));
    }
}
