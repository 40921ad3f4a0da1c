package io.heliograph.message.channels;

import io.heliograph.message.users.SessionUsers;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.api.ChannelParticipantsAdmins;
import io.heliograph.tl.api.ChannelParticipantsRecent;
import io.heliograph.tl.api.ChannelsChannelParticipants;
import io.heliograph.tl.api.ChannelsGetParticipants;
import io.heliograph.tl.api.TChannelParticipant;
import io.heliograph.tl.api.TChannelsChannelParticipants;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code channels.getParticipants} with the {@code recent} (newest first) and {@code admins} filters. Members of a
 * broadcast channel are shown to its admins only, as Telegram does ({@code CHAT_ADMIN_REQUIRED}).
 */
@Component
class GetParticipantsMethod implements RpcMethod<ChannelsGetParticipants, TChannelsChannelParticipants> {

    static final int MAX_LIMIT = 200;

    private final ChannelReads reads;
    private final SessionUsers users;

    GetParticipantsMethod(ChannelReads reads, SessionUsers users) {
        this.reads = reads;
        this.users = users;
    }

    @Override
    public Class<ChannelsGetParticipants> function() {
        return ChannelsGetParticipants.class;
    }

    @Override
    public Mono<TChannelsChannelParticipants> handle(ChannelsGetParticipants call, RpcContext ctx) {
        return Mono.defer(() -> answer(call, ctx)); // a bad InputChannel throws at once: made a signal here
    }

    private Mono<TChannelsChannelParticipants> answer(ChannelsGetParticipants call, RpcContext ctx) {
        long caller = ctx.requireUser().value();
        Channels.Named named = Channels.named(call.channel());
        boolean admins = call.filter() instanceof ChannelParticipantsAdmins;
        if (!admins && !(call.filter() instanceof ChannelParticipantsRecent)) {
            return Mono.error(new RpcException(400, "METHOD_NOT_IMPLEMENTED"));
        }
        if (call.offset() < 0) {
            return Mono.error(RpcException.badRequest("OFFSET_INVALID"));
        }
        int limit = call.limit() <= 0 || call.limit() > MAX_LIMIT ? MAX_LIMIT : call.limit();
        return reads.member(caller, named).flatMap(a -> {
            if (!admins && a.channel().broadcast() && !a.member().isAdmin()) {
                return Mono.error(RpcException.badRequest("CHAT_ADMIN_REQUIRED"));
            }
            return reads.store().participants(a.channel().id()).filter(p -> !admins || p.isAdmin())
                    .collectSortedList(Comparator.comparingInt(Participant::date).reversed()
                            .thenComparingLong(Participant::userId))
                    .flatMap(all -> {
                        List<Participant> page = all.stream().skip(call.offset()).limit(limit).toList();
                        return users.tl(caller, page.stream().map(Participant::userId).toList()).map(u ->
                                (TChannelsChannelParticipants) new ChannelsChannelParticipants(all.size(),
                                        page.stream().map(p -> (TChannelParticipant) p.tl()).toList(), List.of(), u));
                    });
        });
    }
}
