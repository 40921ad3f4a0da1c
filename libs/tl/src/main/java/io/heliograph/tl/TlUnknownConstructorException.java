package io.heliograph.tl;

/** The input names a constructor id this schema does not know; the caller answers with an RPC error. */
public final class TlUnknownConstructorException extends TlDecodeException {

    private final int constructorId;

    public TlUnknownConstructorException(int constructorId) {
        super(String.format("unknown TL constructor 0x%08x", constructorId));
        this.constructorId = constructorId;
    }

    public int constructorId() {
        return constructorId;
    }
}
