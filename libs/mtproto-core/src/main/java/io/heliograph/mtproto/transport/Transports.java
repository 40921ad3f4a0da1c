package io.heliograph.mtproto.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import java.util.Objects;

/**
 * Puts the MTProto stream transports into a pipeline.
 *
 * <pre>{@code
 * protected void initChannel(SocketChannel ch) {
 *     ChannelPipeline p = ch.pipeline();
 *     p.addLast(new IdleStateHandler(...));
 *     Transports.configure(p, TransportLimits.DEFAULT);
 *     p.addLast("session", new SessionHandler()); // reads InboundFrame, writes ByteBuf / QuickAck / TransportError
 * }
 * }</pre>
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports">MTProto transports</a>
 */
public final class Transports {

    private Transports() {
    }

    /** Adds {@link TransportPipeline#DETECTOR} and {@link TransportPipeline#ERROR_RESPONDER} at the end. */
    public static ChannelPipeline configure(ChannelPipeline pipeline, TransportLimits limits) {
        return configure(pipeline, null, limits);
    }

    /**
     * Adds the transport handlers before the handler named {@code before} (a server framework's own last handler,
     * such as Reactor Netty's bridge), or at the end when it is null.
     */
    public static ChannelPipeline configure(ChannelPipeline pipeline, String before, TransportLimits limits) {
        Objects.requireNonNull(limits, "limits");
        add(pipeline, before, TransportPipeline.DETECTOR, new TransportDetector(limits));
        add(pipeline, before, TransportPipeline.HTTP_INSTALLER, new HttpTransport.Installer(limits, HttpTransport.DEFAULT_POLL));
        add(pipeline, before, TransportPipeline.ERROR_RESPONDER, TransportErrorResponder.INSTANCE);
        return pipeline;
    }

    static void add(ChannelPipeline pipeline, String before, String name, ChannelHandler handler) {
        if (before == null) {
            pipeline.addLast(name, handler);
        } else {
            pipeline.addBefore(before, name, handler);
        }
    }

    /**
     * A decoder for a framing whose init marker has already been consumed.
     *
     * @throws IllegalArgumentException for {@link TransportKind#HTTP}
     */
    public static ChannelHandler newDecoder(TransportKind kind, TransportLimits limits) {
        return switch (kind) {
            case ABRIDGED -> new AbridgedDecoder(limits);
            case INTERMEDIATE -> new IntermediateDecoder(limits, false);
            case PADDED_INTERMEDIATE -> new IntermediateDecoder(limits, true);
            case FULL -> new FullDecoder(limits);
            case HTTP -> throw new IllegalArgumentException("HTTP is not a stream framing");
        };
    }

    /**
     * An encoder for a framing; shared where it holds no state.
     *
     * @throws IllegalArgumentException for {@link TransportKind#HTTP}
     */
    public static ChannelHandler newEncoder(TransportKind kind) {
        return switch (kind) {
            case ABRIDGED -> AbridgedEncoder.INSTANCE;
            case INTERMEDIATE -> IntermediateEncoder.PLAIN;
            case PADDED_INTERMEDIATE -> IntermediateEncoder.PADDED;
            case FULL -> new FullEncoder();
            case HTTP -> throw new IllegalArgumentException("HTTP is not a stream framing");
        };
    }

    static void install(ChannelPipeline pipeline, String after, TransportKind kind, TransportLimits limits,
            ObfuscatedCodec obfuscation) {
        ChannelHandler decoder = newDecoder(kind, limits);
        ChannelHandler encoder = newEncoder(kind);
        String previous = after;
        if (obfuscation != null) {
            pipeline.addAfter(previous, TransportPipeline.OBFUSCATION, obfuscation);
            previous = TransportPipeline.OBFUSCATION;
        }
        pipeline.addAfter(previous, TransportPipeline.FRAME_DECODER, decoder);
        pipeline.addAfter(TransportPipeline.FRAME_DECODER, TransportPipeline.FRAME_ENCODER, encoder);
    }
}
