/**
 * MTProto 2.0, layered as TDLib does it: stream transports, packet crypto as pure functions, the auth key
 * handshake, and the session. This package and its children import no Spring.
 *
 * @see <a href="https://core.telegram.org/mtproto/description">MTProto Mobile Protocol</a>
 */
package io.heliograph.mtproto;
