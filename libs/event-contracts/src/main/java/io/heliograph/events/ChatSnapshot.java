package io.heliograph.events;

import java.util.Map;
import java.util.Objects;

/**
 * A basic group as its single writer (the owner of the chat id's {@code box-commands} partition in the chat's home DC)
 * last wrote it; every member's box keeps the latest snapshot it was sent, so members in any DC show the group without
 * reading another DC.
 *
 * @param participants user id → the user who added them (the creator maps to itself)
 * @param version raised by every change of the participants or title, as Telegram's {@code chat.version}
 */
public record ChatSnapshot(long chatId, String title, long creatorId, int date, int version, int homeDc,
        Map<Long, Long> participants) {

    public ChatSnapshot {
        Objects.requireNonNull(title, "title");
        participants = participants == null ? Map.of() : Map.copyOf(participants);
    }
}
