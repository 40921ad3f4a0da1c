package io.heliograph.message.channels;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.api.TMessage;
import io.heliograph.tl.api.TUpdate;
import io.heliograph.tl.api.TUpdatesChannelDifference;
import io.heliograph.tl.api.UpdateNewChannelMessage;
import io.heliograph.tl.api.UpdatesChannelDifference;
import io.heliograph.tl.api.UpdatesChannelDifferenceEmpty;
import io.heliograph.tl.api.UpdatesChannelDifferenceTooLong;
import io.heliograph.tl.api.UpdatesGetChannelDifference;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code updates.getChannelDifference}: a member's missed channel updates from the channel's log by pts. Up to date:
 * {@code channelDifferenceEmpty}; behind by at most {@code limit}: the updates; further behind, or past what the log
 * keeps (7 days): {@code channelDifferenceTooLong} with the dialog and the newest messages, from which the client
 * starts again. Every answer is {@code final} with a {@code timeout} for the next poll.
 *
 * @see <a href="https://core.telegram.org/api/updates#recovering-gaps">Recovering gaps</a>
 */
@Component
class GetChannelDifferenceMethod implements RpcMethod<UpdatesGetChannelDifference, TUpdatesChannelDifference> {

    static final int MAX_LIMIT = 100;
    /** Seconds a client waits before asking again. */
    static final int TIMEOUT = 30;

    private final ChannelReads reads;

    GetChannelDifferenceMethod(ChannelReads reads) {
        this.reads = reads;
    }

    @Override
    public Class<UpdatesGetChannelDifference> function() {
        return UpdatesGetChannelDifference.class;
    }

    @Override
    public Mono<TUpdatesChannelDifference> handle(UpdatesGetChannelDifference call, RpcContext ctx) {
        return Mono.defer(() -> answer(call, ctx)); // a bad InputChannel throws at once: made a signal here
    }

    private Mono<TUpdatesChannelDifference> answer(UpdatesGetChannelDifference call, RpcContext ctx) {
        long caller = ctx.requireUser().value();
        Channels.Named named = Channels.named(call.channel());
        if (call.pts() <= 0) {
            return Mono.error(RpcException.badRequest("PERSISTENT_TIMESTAMP_INVALID"));
        }
        int limit = call.limit() <= 0 || call.limit() > MAX_LIMIT ? MAX_LIMIT : call.limit();
        return reads.member(caller, named).flatMap(a -> {
            if (call.pts() > a.pts()) {
                return Mono.error(RpcException.badRequest("PERSISTENT_TIMESTAMP_INVALID"));
            }
            if (call.pts() == a.pts()) {
                return Mono.just(new UpdatesChannelDifferenceEmpty(true, a.pts(), TIMEOUT));
            }
            if (a.pts() - call.pts() > limit) {
                return tooLong(caller, a, limit);
            }
            return reads.store().updatesAfter(a.channel().id(), call.pts(), a.pts(), limit).collectList().flatMap(log -> {
                if (log.isEmpty() || log.get(0).pts() - log.get(0).ptsCount() != call.pts()) {
                    return tooLong(caller, a, limit); // the log no longer reaches back to the client's pts
                }
                List<TMessage> messages = new ArrayList<>();
                List<TUpdate> other = new ArrayList<>();
                for (ChannelStore.LoggedUpdate u : log) {
                    TUpdate update = (TUpdate) ApiRegistry.read(new TlReader(u.body()));
                    if (update instanceof UpdateNewChannelMessage n) {
                        messages.add(n.message());
                    } else {
                        other.add(update);
                    }
                }
                int reached = log.get(log.size() - 1).pts();
                return reads.usersOf(caller, messages).map(users -> (TUpdatesChannelDifference) new UpdatesChannelDifference(
                        reached >= a.pts(), reached, TIMEOUT, messages, other, List.of(a.tl()), users));
            });
        });
    }

    private Mono<TUpdatesChannelDifference> tooLong(long caller, ChannelReads.Access a, int limit) {
        return reads.dialog(caller, a.channel().id()).flatMap(reads::tl).flatMap(dialog ->
                reads.store().before(a.channel().id(), a.channel().topMessage() + 1, limit).map(ChannelStore.Post::message)
                        .collectList().flatMap(messages -> reads.usersOf(caller, messages).map(users ->
                                new UpdatesChannelDifferenceTooLong(true, TIMEOUT, dialog, messages, List.of(a.tl()), users))));
    }
}
