package io.heliograph.mtproto.client;

import io.heliograph.mtproto.transport.TransportKind;

/**
 * How the client frames its stream: one of the four framings, optionally under obfuscation2, or obfuscated
 * intermediate inside WebSocket binary frames on {@code /apiws} as browsers connect.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports">MTProto transports</a>
 * @see <a href="https://core.telegram.org/mtproto/transports#websocket">WebSocket transport</a>
 */
public enum ClientTransport {
    ABRIDGED(TransportKind.ABRIDGED, false, false),
    INTERMEDIATE(TransportKind.INTERMEDIATE, false, false),
    PADDED_INTERMEDIATE(TransportKind.PADDED_INTERMEDIATE, false, false),
    FULL(TransportKind.FULL, false, false),
    OBFUSCATED_ABRIDGED(TransportKind.ABRIDGED, true, false),
    OBFUSCATED_INTERMEDIATE(TransportKind.INTERMEDIATE, true, false),
    OBFUSCATED_PADDED_INTERMEDIATE(TransportKind.PADDED_INTERMEDIATE, true, false),
    /** Obfuscated intermediate over WebSocket binary frames. */
    WEBSOCKET(TransportKind.INTERMEDIATE, true, true);

    private final TransportKind framing;
    private final boolean obfuscated;
    private final boolean webSocket;

    ClientTransport(TransportKind framing, boolean obfuscated, boolean webSocket) {
        this.framing = framing;
        this.obfuscated = obfuscated;
        this.webSocket = webSocket;
    }

    public TransportKind framing() {
        return framing;
    }

    public boolean obfuscated() {
        return obfuscated;
    }

    public boolean webSocket() {
        return webSocket;
    }

    /** The bytes a plain (not obfuscated) stream starts with. */
    byte[] initMarker() {
        return switch (framing) {
            case ABRIDGED -> new byte[] {(byte) 0xef};
            case INTERMEDIATE -> new byte[] {(byte) 0xee, (byte) 0xee, (byte) 0xee, (byte) 0xee};
            case PADDED_INTERMEDIATE -> new byte[] {(byte) 0xdd, (byte) 0xdd, (byte) 0xdd, (byte) 0xdd};
            case FULL, HTTP -> new byte[0];
        };
    }
}
