/**
 * MTProto 2.0 cryptography as pure functions: hashing, AES-IGE and AES-CTR, the message key derivation, packet
 * encryption with its security checks, and the primitives of the auth key handshake (RSA_PAD, DH, p*q).
 *
 * @see <a href="https://core.telegram.org/mtproto/description">MTProto Mobile Protocol</a>
 * @see <a href="https://core.telegram.org/mtproto/security_guidelines">Security guidelines</a>
 */
package io.heliograph.mtproto.crypto;
