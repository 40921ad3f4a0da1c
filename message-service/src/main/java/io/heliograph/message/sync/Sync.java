package io.heliograph.message.sync;

import io.heliograph.message.box.BoxStore;
import io.heliograph.message.box.Dialog;
import io.heliograph.tl.api.UpdatesState;
import java.time.Clock;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** A user box's {@code updates.State}: its pts, no qts or seq yet (secret chats and seq-updates come later). */
@Component
public class Sync {

    private final BoxStore store;
    private final Clock clock;

    public Sync(BoxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Mono<UpdatesState> state(long user) {
        return store.state(user).zipWith(store.dialogs(user).map(Dialog::unreadCount).reduce(0, Integer::sum))
                .map(t -> new UpdatesState(t.getT1().pts(), 0, now(), 0, t.getT2()));
    }

    public int now() {
        return (int) (clock.millis() / 1000);
    }
}
