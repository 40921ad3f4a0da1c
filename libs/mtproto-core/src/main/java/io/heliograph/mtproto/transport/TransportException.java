package io.heliograph.mtproto.transport;

import io.netty.handler.codec.DecoderException;
import java.util.Objects;

/**
 * A client sent bytes that no transport can frame. The decoder that throws it discards everything the connection
 * sends afterwards, since a stream cannot be resynchronised; {@link TransportErrorResponder} answers and closes.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports#transport-errors">Transport errors</a>
 */
public final class TransportException extends DecoderException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the input. */
    public enum Reason {
        /** A frame announced a zero-length payload. */
        EMPTY_FRAME,
        /** A frame length is not a multiple of 4 where the transport requires it. */
        UNALIGNED_LENGTH,
        /** A frame length exceeds {@link TransportLimits#maxFrameLength()}. */
        FRAME_TOO_LARGE,
        /** A full-transport length is below the 12 bytes of its own envelope. */
        FRAME_TOO_SHORT,
        /** A full-transport CRC32 does not match. */
        BAD_CHECKSUM,
        /** A full-transport sequence number is not the next one expected. */
        BAD_SEQUENCE_NUMBER,
        /** An obfuscated2 header carries an unknown protocol tag. */
        UNKNOWN_PROTOCOL
    }

    private final Reason reason;

    public TransportException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
