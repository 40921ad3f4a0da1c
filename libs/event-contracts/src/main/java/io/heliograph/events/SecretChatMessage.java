package io.heliograph.events;

import java.util.Objects;

/** End-to-end encrypted secret chat payload for one device; the server never decrypts it. */
public record SecretChatMessage(long recipientUserId, long recipientAuthKeyId, int chatId, long randomId,
        byte[] ciphertext, boolean service) implements Event {

    public SecretChatMessage {
        Objects.requireNonNull(ciphertext, "ciphertext");
    }
}
