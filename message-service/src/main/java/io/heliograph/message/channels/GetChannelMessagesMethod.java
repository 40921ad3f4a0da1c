package io.heliograph.message.channels;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.api.ChannelsGetMessages;
import io.heliograph.tl.api.InputMessageID;
import io.heliograph.tl.api.TMessagesMessages;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import org.springframework.stereotype.Component;

/** {@code channels.getMessages}: a member's posts by id ({@code inputMessageID}); ids not found are left out. */
@Component
class GetChannelMessagesMethod implements RpcMethod<ChannelsGetMessages, TMessagesMessages> {

    private final ChannelReads reads;

    GetChannelMessagesMethod(ChannelReads reads) {
        this.reads = reads;
    }

    @Override
    public Class<ChannelsGetMessages> function() {
        return ChannelsGetMessages.class;
    }

    @Override
    public Mono<TMessagesMessages> handle(ChannelsGetMessages call, RpcContext ctx) {
        return Mono.defer(() -> answer(call, ctx)); // a bad InputChannel throws at once: made a signal here
    }

    private Mono<TMessagesMessages> answer(ChannelsGetMessages call, RpcContext ctx) {
        long caller = ctx.requireUser().value();
        Channels.Named named = Channels.named(call.channel());
        if (call.id().size() > 200) {
            return Mono.error(RpcException.badRequest("LIMIT_INVALID"));
        }
        return reads.member(caller, named).flatMap(a -> Flux.fromIterable(call.id())
                .filter(InputMessageID.class::isInstance).map(m -> ((InputMessageID) m).id()).filter(id -> id > 0)
                .concatMap(id -> reads.store().post(a.channel().id(), id)).collectList()
                .flatMap(posts -> reads.page(caller, a, posts, false)));
    }
}
