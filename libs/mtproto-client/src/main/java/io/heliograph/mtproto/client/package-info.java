/**
 * An MTProto 2.0 client on Netty for tests and load generators: {@link io.heliograph.mtproto.client.MtprotoClient}
 * for full sessions, {@link io.heliograph.mtproto.client.Probe} for connections that stop at {@code resPQ}. Built on
 * mtproto-core's crypto and framing; no Spring.
 *
 * @see <a href="https://core.telegram.org/mtproto">MTProto Mobile Protocol</a>
 */
package io.heliograph.mtproto.client;
