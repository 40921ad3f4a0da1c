package io.heliograph.tl;

/** Constructor ids and bounds shared by every TL schema. */
public final class TlConstants {

    public static final int BOOL_TRUE = 0x997275b5;
    public static final int BOOL_FALSE = 0xbc799737;
    public static final int VECTOR = 0x1cb5c415;
    /** The largest length a TL {@code bytes} header can express (3 bytes). */
    public static final int MAX_BYTES_LENGTH = (1 << 24) - 1;

    private TlConstants() {
    }
}
