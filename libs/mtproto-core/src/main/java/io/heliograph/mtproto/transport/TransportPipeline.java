package io.heliograph.mtproto.transport;

/**
 * Names of the handlers this package puts in a {@link io.netty.channel.ChannelPipeline}, head to tail in the order
 * they appear once a transport is detected.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports">MTProto transports</a>
 */
public final class TransportPipeline {

    /** {@link TransportDetector}; gone once the transport is known. */
    public static final String DETECTOR = "mtproto.transport.detector";
    /** {@link ObfuscatedCodec}; present only for obfuscated2 connections. */
    public static final String OBFUSCATION = "mtproto.transport.obfuscation";
    /** Bytes to {@link InboundFrame}s. */
    public static final String FRAME_DECODER = "mtproto.transport.frameDecoder";
    /** Payloads, {@link QuickAck}s and {@link TransportError}s to bytes. */
    public static final String FRAME_ENCODER = "mtproto.transport.frameEncoder";
    /** {@link TransportErrorResponder}. */
    public static final String ERROR_RESPONDER = "mtproto.transport.errorResponder";

    /** {@link WebSocketTransport}'s adapter between binary WebSocket frames and the byte stream. */
    public static final String WEBSOCKET_ADAPTER = "mtproto.transport.websocket";

    /** {@link HttpTransport}'s installer, waiting for the detector's verdict; gone once it is known. */
    public static final String HTTP_INSTALLER = "mtproto.transport.httpInstaller";
    /** The HTTP transport's codecs and handler, present only for HTTP connections. */
    public static final String HTTP_CODEC = "mtproto.transport.httpCodec";
    public static final String HTTP_AGGREGATOR = "mtproto.transport.httpAggregator";
    public static final String HTTP_HANDLER = "mtproto.transport.http";

    private TransportPipeline() {
    }
}
