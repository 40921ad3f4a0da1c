/**
 * MTProto stream transports as Netty handlers: abridged, intermediate, padded intermediate and full framing, the
 * obfuscated2 stream cipher underneath them, and a detector that picks one of them from a connection's first bytes.
 *
 * <p>{@link io.heliograph.mtproto.transport.Transports#configure} installs the detector; once it has seen enough
 * bytes it replaces itself so that the upper layer reads {@link io.heliograph.mtproto.transport.InboundFrame}s and
 * writes payload {@link io.netty.buffer.ByteBuf}s, {@link io.heliograph.mtproto.transport.QuickAck}s and
 * {@link io.heliograph.mtproto.transport.TransportError}s without knowing which transport the client chose.
 *
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports">MTProto transports</a>
 */
package io.heliograph.mtproto.transport;
