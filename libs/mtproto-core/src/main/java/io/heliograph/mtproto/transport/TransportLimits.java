package io.heliograph.mtproto.transport;

/**
 * Bounds applied to every frame before any of it is buffered.
 *
 * @param maxFrameLength largest payload accepted, in bytes, excluding the transport envelope (for padded intermediate
 *     the padding counts, for full transport the 12 envelope bytes do not)
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports">MTProto transports</a>
 */
public record TransportLimits(int maxFrameLength) {

    /** Smallest accepted {@code maxFrameLength}: room for an unencrypted message header plus one int. */
    public static final int MIN_MAX_FRAME_LENGTH = 24;
    /** Largest accepted {@code maxFrameLength}. */
    public static final int MAX_MAX_FRAME_LENGTH = 1 << 30;
    /** 1 MiB of MTProto message plus 64 KiB for headers, containers and padding. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = (1 << 20) + (64 << 10);

    public static final TransportLimits DEFAULT = new TransportLimits(DEFAULT_MAX_FRAME_LENGTH);

    public TransportLimits {
        if (maxFrameLength < MIN_MAX_FRAME_LENGTH || maxFrameLength > MAX_MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("maxFrameLength must be in [" + MIN_MAX_FRAME_LENGTH + ", "
                    + MAX_MAX_FRAME_LENGTH + "]: " + maxFrameLength);
        }
    }
}
