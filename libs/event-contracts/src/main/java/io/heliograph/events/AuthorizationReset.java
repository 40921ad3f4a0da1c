package io.heliograph.events;


/** An authorization (device login) ended: every gateway drops the auth key's sessions at once. */
public record AuthorizationReset(long userId, long authKeyId, String reason) implements Event {
}
