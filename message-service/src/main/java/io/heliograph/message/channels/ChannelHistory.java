package io.heliograph.message.channels;

import io.heliograph.platform.rpc.RpcException;
import io.heliograph.tl.api.MessagesGetHistory;
import io.heliograph.tl.api.TMessagesMessages;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code messages.getHistory} of a channel ({@code inputPeerChannel}): a member's page of posts, newest first, below
 * {@code offset_id} with {@code add_offset} ≥ 0 and {@code max_id}/{@code min_id} bounds, walking the buckets of
 * {@code channel_messages}.
 */
@Component
public class ChannelHistory {

    static final int MAX_LIMIT = 100;

    private final ChannelReads reads;

    public ChannelHistory(ChannelReads reads) {
        this.reads = reads;
    }

    public Mono<TMessagesMessages> history(long caller, Channels.Named named, MessagesGetHistory call) {
        int limit = call.limit() <= 0 || call.limit() > MAX_LIMIT ? MAX_LIMIT : call.limit();
        if (call.addOffset() < 0 || call.addOffset() > 10_000) {
            return Mono.error(RpcException.badRequest("OFFSET_INVALID")); // paging towards the present: not yet
        }
        return reads.member(caller, named).flatMap(a -> {
            int before = call.offsetId() > 0 ? call.offsetId() : a.channel().topMessage() + 1;
            if (call.maxId() > 0) {
                before = Math.min(before, call.maxId());
            }
            return reads.store().before(a.channel().id(), before, limit + call.addOffset()).skip(call.addOffset())
                    .filter(p -> p.id() > call.minId()).collectList()
                    .flatMap(posts -> reads.page(caller, a, posts, posts.size() >= limit || call.offsetId() > 0))
                    .map(m -> (TMessagesMessages) m);
        });
    }

    static List<Integer> ids(List<ChannelStore.Post> posts) {
        return posts.stream().map(ChannelStore.Post::id).toList();
    }
}
