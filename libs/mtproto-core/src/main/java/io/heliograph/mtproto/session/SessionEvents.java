package io.heliograph.mtproto.session;

/**
 * What the session layer tells the server around it: keys created, sessions coming and going, connections. Called
 * on event-loop threads; implementations must not block.
 */
public interface SessionEvents {

    SessionEvents NONE = new SessionEvents() {
    };

    /** A handshake completed and its key was registered. */
    default void authKeyCreated(AuthKeyStore.Entry entry) {
    }

    /** A session got a connection (new, or back after a reconnect). */
    default void online(ServerSession session, AuthKeyStore.Entry key) {
    }

    /** A session lost its connection; it stays alive for the client's return until it expires. */
    default void offline(ServerSession session) {
    }

    /** A session is gone (destroy_session, destroy_auth_key, expiry). */
    default void removed(ServerSession session) {
    }
}
