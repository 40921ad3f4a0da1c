package io.heliograph.mtproto.client;

/**
 * A failure below the API: the connection, the key exchange, a transport error code, or a
 * {@code bad_msg_notification} the client cannot correct. API errors ({@code rpc_error}) are
 * {@link io.heliograph.mtproto.session.RpcException}s instead.
 *
 * @see <a href="https://core.telegram.org/mtproto/service_messages_about_messages">Service messages about messages</a>
 */
public final class MtprotoClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The TCP or WebSocket connection could not be opened. */
        CONNECT_FAILED,
        /** The server's answers in the key exchange failed a check, or it answered with a failure. */
        HANDSHAKE_FAILED,
        /** The server sent a transport error ({@link #code()}: -404, -429, -444...). */
        TRANSPORT_ERROR,
        /** A packet from the server did not decrypt, or named another session. */
        BAD_PACKET,
        /** A {@code bad_msg_notification} the client does not correct ({@link #code()} is its error code). */
        BAD_MESSAGE,
        /** An answer could not be decoded. */
        UNDECODABLE,
        /** No answer within the configured time. */
        TIMEOUT,
        /** The connection closed before the answer came. */
        CLOSED
    }

    private final Reason reason;
    private final int code;

    public MtprotoClientException(Reason reason, String message) {
        this(reason, 0, message, null);
    }

    public MtprotoClientException(Reason reason, int code, String message, Throwable cause) {
        super(reason + (code != 0 ? " " + code : "") + ": " + message, cause);
        this.reason = reason;
        this.code = code;
    }

    public Reason reason() {
        return reason;
    }

    /** The transport error or bad_msg_notification code; 0 for other reasons. */
    public int code() {
        return code;
    }
}
