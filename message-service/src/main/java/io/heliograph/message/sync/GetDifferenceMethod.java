package io.heliograph.message.sync;

import io.heliograph.message.MessageProperties;
import io.heliograph.message.box.BoxStore;
import io.heliograph.message.history.Views;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.api.PeerUser;
import io.heliograph.tl.api.TMessage;
import io.heliograph.tl.api.TPeer;
import io.heliograph.tl.api.TUpdate;
import io.heliograph.tl.api.TUpdatesDifference;
import io.heliograph.tl.api.UpdateEditMessage;
import io.heliograph.tl.api.UpdateNewMessage;
import io.heliograph.tl.api.UpdateReadHistoryInbox;
import io.heliograph.tl.api.UpdateReadHistoryOutbox;
import io.heliograph.tl.api.UpdatesDifference;
import io.heliograph.tl.api.UpdatesDifferenceEmpty;
import io.heliograph.tl.api.UpdatesDifferenceSlice;
import io.heliograph.tl.api.UpdatesDifferenceTooLong;
import io.heliograph.tl.api.UpdatesGetDifference;
import io.heliograph.tl.api.UpdatesState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code updates.getDifference}: the caller's box's updates after the pts it has, from the box's update log. More
 * than a slice's worth answers {@code differenceSlice} (the client asks again from its intermediate state); a client
 * too far behind, or behind the log's retention, gets {@code differenceTooLong} and refetches its dialogs.
 *
 * @see <a href="https://core.telegram.org/api/updates#recovering-gaps">Recovering gaps</a>
 */
@Component
class GetDifferenceMethod implements RpcMethod<UpdatesGetDifference, TUpdatesDifference> {

    private final BoxStore store;
    private final Sync sync;
    private final MessageProperties properties;
    private final Views views;

    GetDifferenceMethod(BoxStore store, Sync sync, MessageProperties properties,
            Views views) {
        this.views = views;
        this.store = store;
        this.sync = sync;
        this.properties = properties;
    }

    @Override
    public Class<UpdatesGetDifference> function() {
        return UpdatesGetDifference.class;
    }

    @Override
    public Mono<TUpdatesDifference> handle(UpdatesGetDifference call, RpcContext ctx) {
        long user = ctx.requireUser().value();
        if (call.pts() < 0) {
            return Mono.error(RpcException.badRequest("PERSISTENT_TIMESTAMP_INVALID"));
        }
        int limit = properties.differenceLimit();
        int tooLong = call.ptsTotalLimit() != null && call.ptsTotalLimit() > 0
                ? Math.min(call.ptsTotalLimit(), properties.differenceTooLong()) : properties.differenceTooLong();
        return sync.state(user).flatMap(state -> {
            if (call.pts() >= state.pts()) {
                return Mono.just(new UpdatesDifferenceEmpty(sync.now(), 0));
            }
            if (state.pts() - call.pts() > tooLong) {
                return Mono.just(new UpdatesDifferenceTooLong(state.pts()));
            }
            return store.updatesAfter(user, call.pts(), limit + 1).collectList().flatMap(rows -> {
                if (rows.isEmpty() || rows.get(0).pts() - rows.get(0).ptsCount() > call.pts()) {
                    return Mono.just(new UpdatesDifferenceTooLong(state.pts())); // the log no longer reaches back
                }
                boolean slice = rows.size() > limit;
                var taken = slice ? rows.subList(0, limit) : rows;
                List<TMessage> messages = new ArrayList<>();
                List<TUpdate> others = new ArrayList<>();
                Set<Long> userIds = new LinkedHashSet<>(); // beyond those the messages name (Views collects them)
                List<TMessage> shown = new ArrayList<>();
                for (var row : taken) {
                    TUpdate u = (TUpdate) ApiRegistry.read(new TlReader(row.body()));
                    if (u instanceof UpdateNewMessage n) {
                        messages.add(n.message());
                        shown.add(n.message());
                    } else {
                        others.add(u);
                        if (u instanceof UpdateEditMessage e) {
                            shown.add(e.message());
                        } else if (u instanceof UpdateReadHistoryInbox r) {
                            collect(r.peer(), userIds);
                        } else if (u instanceof UpdateReadHistoryOutbox r) {
                            collect(r.peer(), userIds);
                        }
                    }
                }
                int reached = taken.get(taken.size() - 1).pts();
                UpdatesState at = new UpdatesState(reached, 0, sync.now(), 0, state.unreadCount());
                return views.usersOf(user, shown, userIds).zipWith(views.chatsOf(user, shown, List.of())).map(t -> slice
                        ? new UpdatesDifferenceSlice(messages, List.of(), others, t.getT2(), t.getT1(), at)
                        : new UpdatesDifference(messages, List.of(), others, t.getT2(), t.getT1(), at));
            });
        });
    }

    private static void collect(TPeer p, Set<Long> ids) {
        if (p instanceof PeerUser u) {
            ids.add(u.userId());
        }
    }
}
