package io.heliograph.events;

import java.util.Objects;

/**
 * A {@link PeerEffect} relayed over the backbone from the DC of the sender's box to the DC that is home to the box it
 * changes. The receiving DC's message-service moves it to its own {@link Topic#BOX_COMMANDS}, where the box's single
 * writer applies it.
 */
public record CrossDcCommand(int sourceDc, PeerEffect effect) implements Event {

    public CrossDcCommand {
        Objects.requireNonNull(effect, "effect");
    }
}
