package io.heliograph.mtproto.transport;

import java.util.Optional;

/**
 * The framings a client can choose; obfuscation is orthogonal and reported separately by
 * {@link TransportDetectedEvent#obfuscated()}.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports">MTProto transports</a>
 */
public enum TransportKind {
    /** Init byte {@code 0xef}; length in 32-bit words in 1 or 4 bytes. */
    ABRIDGED(0xefefefef),
    /** Init int {@code 0xeeeeeeee}; 4-byte little-endian length. */
    INTERMEDIATE(0xeeeeeeee),
    /** Init int {@code 0xdddddddd}; 4-byte little-endian length covering 0..15 random padding bytes. */
    PADDED_INTERMEDIATE(0xdddddddd),
    /** No init bytes; length, sequence number, payload and CRC32. Cannot be obfuscated. */
    FULL(0),
    /** An HTTP request; the transport is handled outside this package. */
    HTTP(0);

    private final int obfuscationTag;

    TransportKind(int obfuscationTag) {
        this.obfuscationTag = obfuscationTag;
    }

    /** The protocol tag an obfuscated2 header carries at bytes 56..60 for this framing, or 0 if it has none. */
    public int obfuscationTag() {
        return obfuscationTag;
    }

    /** The framing an obfuscated2 protocol tag selects. */
    public static Optional<TransportKind> forObfuscationTag(int tag) {
        for (TransportKind kind : values()) {
            if (kind.obfuscationTag != 0 && kind.obfuscationTag == tag) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
