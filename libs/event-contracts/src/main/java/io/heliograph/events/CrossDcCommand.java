package io.heliograph.events;

import java.util.Objects;

/** A box command relayed over the backbone from another DC to the DC that is home to the box owner. */
public record CrossDcCommand(int sourceDc, BoxCommand command) implements Event {

    public CrossDcCommand {
        Objects.requireNonNull(command, "command");
    }
}
