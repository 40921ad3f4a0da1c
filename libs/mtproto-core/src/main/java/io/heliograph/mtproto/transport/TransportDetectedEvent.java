package io.heliograph.mtproto.transport;

import java.util.Objects;

/**
 * User event fired by {@link TransportDetector} once it knows the transport, before the first frame reaches the
 * handlers after it.
 *
 * @param kind the framing
 * @param obfuscated whether the framing runs inside obfuscated2
 * @param dcId the signed DC id from bytes 60..62 of an obfuscated2 header (negative for media DCs), 0 otherwise
 * @see <a href="https://core.telegram.org/mtproto/mtproto-transports">MTProto transports</a>
 */
public record TransportDetectedEvent(TransportKind kind, boolean obfuscated, int dcId) {

    public TransportDetectedEvent {
        Objects.requireNonNull(kind, "kind");
        if (obfuscated && (kind == TransportKind.FULL || kind == TransportKind.HTTP)) {
            throw new IllegalArgumentException(kind + " cannot be obfuscated");
        }
        if (dcId < Short.MIN_VALUE || dcId > Short.MAX_VALUE || (!obfuscated && dcId != 0)) {
            throw new IllegalArgumentException("dcId out of range: " + dcId);
        }
    }
}
