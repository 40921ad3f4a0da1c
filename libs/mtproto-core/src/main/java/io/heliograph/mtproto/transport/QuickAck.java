package io.heliograph.mtproto.transport;

/**
 * Outbound message asking the frame encoder to send a quick ACK. The token is the first four bytes of
 * SHA-256(auth key part + encrypted data) read as a little-endian int with the most significant bit set; the session
 * computes it, the encoder only puts it on the wire in the byte order of the connection's transport.
 *
 * @param token the token as a little-endian int, so always negative
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports#quick-ack">Quick ack</a>
 */
public record QuickAck(int token) {

    public QuickAck {
        if (token >= 0) {
            throw new IllegalArgumentException("a quick ACK token has its most significant bit set: 0x"
                    + Integer.toHexString(token));
        }
    }
}
