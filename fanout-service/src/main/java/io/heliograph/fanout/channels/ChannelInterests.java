package io.heliograph.fanout.channels;

import io.heliograph.events.ChannelInterest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which gateway instances have an online member of each channel: the state of the compacted {@code channel-interest}. */
public final class ChannelInterests {

    private final Map<Long, Set<String>> gateways = new ConcurrentHashMap<>();

    public void apply(ChannelInterest i) {
        if (i.interested()) {
            gateways.computeIfAbsent(i.channelId(), c -> ConcurrentHashMap.newKeySet()).add(i.gatewayInstance());
        } else {
            gateways.computeIfPresent(i.channelId(), (c, set) -> {
                set.remove(i.gatewayInstance());
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** The instances to send a post of the channel to (each once). */
    public Set<String> of(long channelId) {
        Set<String> set = gateways.get(channelId);
        return set == null ? Set.of() : Set.copyOf(set);
    }

    public int channels() {
        return gateways.size();
    }
}
