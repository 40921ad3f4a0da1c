package io.heliograph.events;


/**
 * An authorization (device login) ended: every gateway drops the auth key's sessions at once, except after
 * {@link #LOG_OUT}, when the device ended it itself and keeps its connection (as with Telegram).
 *
 * @param reason the API method that ended it
 */
public record AuthorizationReset(long userId, long authKeyId, String reason) implements Event {

    /** The reason of a device that logged itself out. */
    public static final String LOG_OUT = "auth.logOut";

    public boolean loggedOutByItself() {
        return LOG_OUT.equals(reason);
    }
}
