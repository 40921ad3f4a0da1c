package io.heliograph.mtproto.fuzz;

import io.heliograph.tl.TlDecodeException;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.layer.LayerCodec;
import io.heliograph.tl.layer.Layers;
import io.heliograph.tl.mtproto.MtprotoRegistry;
import java.util.function.Function;

/**
 * The oracle for TL decoding: every decoder the server runs on client bytes may only fail with
 * {@link TlDecodeException}; whatever it accepts must be a well-formed object, one that serialises (in exactly
 * {@link TlObject#serializedSize()} bytes) and reads back equal. Anything else propagates as the finding.
 */
final class TlChecks {

    /** The older layers the server maps to and from (the newest is {@link ApiRegistry}). */
    static final int[] OLD_LAYERS = {158, 198, 227};

    private TlChecks() {
    }

    /** Runs every decoder over {@code bytes[off, off+len)}. */
    static void decodeEverywhere(byte[] bytes, int off, int len) {
        generated("api", bytes, off, len, ApiRegistry::read);
        generated("mtproto", bytes, off, len, MtprotoRegistry::read);
        for (int layer : OLD_LAYERS) {
            layer(Layers.forClient(layer), bytes, off, len);
        }
    }

    static void generated(String name, byte[] bytes, int off, int len, Function<TlReader, TlObject> reader) {
        TlReader r = new TlReader(bytes, off, len);
        TlObject o;
        try {
            o = reader.apply(r);
        } catch (TlDecodeException e) {
            return;
        }
        check(r.position() <= off + len, name + " read past the end of its input");
        TlObject again = reread(name, o, reader);
        check(again.equals(o), name + ": " + o.tlName() + " does not read back equal after serialising");
    }

    /**
     * A client's layer: what it reads is a newest-layer object, which must serialise and read back in the newest
     * layer, and either map back to the client's layer or be refused with a {@link TlDecodeException}; what it
     * writes for the client it must be able to read again.
     */
    static void layer(LayerCodec codec, byte[] bytes, int off, int len) {
        String name = "layer " + codec.layer();
        TlReader r = new TlReader(bytes, off, len);
        TlObject o;
        try {
            o = codec.read(r);
        } catch (TlDecodeException e) {
            return;
        }
        check(r.position() <= off + len, name + " read past the end of its input");
        TlObject again = reread(name + " (as newest layer)", o, ApiRegistry::read);
        check(again.equals(o), name + ": " + o.tlName() + " does not read back equal in the newest layer");
        byte[] back;
        try {
            back = codec.toBytes(o);
        } catch (TlDecodeException e) {
            return; // cannot be expressed in the client's layer: refused, not corrupted
        }
        try {
            codec.read(new TlReader(back));
        } catch (TlDecodeException e) {
            throw new AssertionError(name + ": cannot read back its own serialisation of " + o.tlName(), e);
        }
    }

    private static TlObject reread(String name, TlObject o, Function<TlReader, TlObject> reader) {
        byte[] written;
        try {
            written = o.toBytes();
        } catch (RuntimeException e) {
            throw new AssertionError(name + ": decoded " + o.tlName() + " cannot be serialised", e);
        }
        check(written.length == o.serializedSize(), name + ": " + o.tlName() + " serialisedSize() is wrong");
        try {
            return reader.apply(new TlReader(written));
        } catch (RuntimeException e) {
            throw new AssertionError(name + ": serialised " + o.tlName() + " does not read back", e);
        }
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
