package io.heliograph.mtproto.transport;

/**
 * Outbound message asking the frame encoder to send a transport error: a 4-byte little-endian negative int framed
 * like any payload of the connection's transport. The connection is usually closed afterwards.
 *
 * @param code the negative value sent on the wire, for example {@code -404}
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports#transport-errors">Transport errors</a>
 */
public record TransportError(int code) {

    /** Where HTTP would have answered 403. */
    public static final TransportError FORBIDDEN = new TransportError(-403);
    /** Unknown auth key, or malformed MTProto fields. */
    public static final TransportError AUTH_KEY_NOT_FOUND = new TransportError(-404);
    /** Too many connections, or a container or service message limit reached. */
    public static final TransportError FLOOD = new TransportError(-429);
    /** Invalid DC id. */
    public static final TransportError INVALID_DC = new TransportError(-444);

    public TransportError {
        if (code >= 0 || code == -1) {
            throw new IllegalArgumentException("a transport error is negative and not -1 (the padded quick ACK"
                    + " marker): " + code);
        }
    }
}
