package io.heliograph.events;

import java.util.Objects;

/** An update for a bot, in the bot's order, to be served by getUpdates or delivered by webhook. */
public record BotUpdate(long botUserId, long chatId, byte[] update) implements Event {

    public BotUpdate {
        Objects.requireNonNull(update, "update");
    }
}
