package io.heliograph.tl.layer;

import io.heliograph.tl.TlDecodeException;

/**
 * An object cannot be expressed in the other layer: a constructor that layer lacks, or a required field whose type
 * changed beyond a safe conversion. The caller drops the update or answers with an RPC error.
 */
public final class TlLayerMismatchException extends TlDecodeException {

    public TlLayerMismatchException(String message) {
        super(message);
    }
}
