package io.heliograph.tl;

/**
 * A TL constructor or function value. Generated records implement it; {@link #serialize} writes the boxed form
 * (constructor id, then fields) and {@link #serializedSize} is exactly the number of bytes it writes.
 */
public interface TlObject {

    int constructorId();

    /** The TL name, e.g. {@code messages.sendMessage}. */
    String tlName();

    /** Writes the fields only (the bare form). */
    void serializeBare(TlWriter w);

    int serializedBareSize();

    default void serialize(TlWriter w) {
        w.writeInt(constructorId());
        serializeBare(w);
    }

    default int serializedSize() {
        return 4 + serializedBareSize();
    }

    default byte[] toBytes() {
        TlWriter w = new TlWriter(serializedSize());
        serialize(w);
        return w.toByteArray();
    }
}
