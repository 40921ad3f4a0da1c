package io.heliograph.message.commands;

import io.heliograph.message.box.BoxState;
import io.heliograph.message.box.Dialog;
import io.heliograph.message.box.Peer;
import java.util.HashMap;
import java.util.Map;

/** A box as its writer holds it between commands: counters and the dialogs read so far. Touched by one thread. */
final class Box {

    BoxState state;
    final Map<Peer, Dialog> dialogs = new HashMap<>();

    Box(BoxState state) {
        this.state = state;
    }

    long owner() {
        return state.ownerId();
    }
}
