package io.heliograph.message.history;

import io.heliograph.message.box.BoxStore;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.api.InputMessageID;
import io.heliograph.tl.api.MessageEmpty;
import io.heliograph.tl.api.MessagesGetMessages;
import io.heliograph.tl.api.MessagesMessages;
import io.heliograph.tl.api.TMessage;
import io.heliograph.tl.api.TMessagesMessages;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code messages.getMessages}: messages of the caller's box by id, in order; ids it does not hold answer
 * {@code messageEmpty}.
 *
 * @see <a href="https://core.telegram.org/method/messages.getMessages">messages.getMessages</a>
 */
@Component
class GetMessagesMethod implements RpcMethod<MessagesGetMessages, TMessagesMessages> {

    private final BoxStore store;
    private final Views views;

    GetMessagesMethod(BoxStore store, Views views) {
        this.store = store;
        this.views = views;
    }

    @Override
    public Class<MessagesGetMessages> function() {
        return MessagesGetMessages.class;
    }

    @Override
    public Mono<TMessagesMessages> handle(MessagesGetMessages call, RpcContext ctx) {
        long owner = ctx.requireUser().value();
        if (call.id().size() > 200) {
            return Mono.error(RpcException.badRequest("LIMIT_INVALID"));
        }
        return Flux.fromIterable(call.id())
                .concatMap(input -> {
                    if (!(input instanceof InputMessageID m) || m.id() <= 0) {
                        return Mono.just((TMessage) new MessageEmpty(0, null));
                    }
                    return store.message(owner, m.id()).map(s -> s.tl())
                            .defaultIfEmpty(new MessageEmpty(m.id(), null));
                })
                .collectList()
                .flatMap(messages -> views.usersOf(owner, messages, List.of()).zipWith(views.chatsOf(owner, messages, List.of()))
                        .map(t -> (TMessagesMessages) new MessagesMessages(messages, List.of(), t.getT2(), t.getT1())));
    }
}
