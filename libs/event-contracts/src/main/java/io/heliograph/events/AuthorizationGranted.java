package io.heliograph.events;

/**
 * A permanent auth key logged in as a user (sign-in, sign-up, import of an authorization or a bot token): every
 * gateway instance of the DC updates what it knows of the key, so calls on any instance are the user's at once.
 */
public record AuthorizationGranted(long userId, long authKeyId) implements Event {
}
