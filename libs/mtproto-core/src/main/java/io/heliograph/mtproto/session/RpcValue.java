package io.heliograph.mtproto.session;

import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlWriter;
import io.heliograph.tl.layer.LayerCodec;
import java.util.List;
import java.util.Objects;

/**
 * A result that is not a boxed object: {@code Bool}, {@code int}, {@code long}, or a {@code Vector} of objects or
 * longs/ints (e.g. {@code users.getUsers}). The session layer writes its objects in the client's layer.
 */
public final class RpcValue implements TlObject {

    private static final int BOOL_TRUE = 0x997275b5;
    private static final int BOOL_FALSE = 0xbc799737;
    private static final int VECTOR = 0x1cb5c415;

    private final Object value;

    private RpcValue(Object value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Wraps what {@link io.heliograph.tl.TlFunction#readResult} returns when it is not a {@link TlObject}. */
    public static TlObject of(Object value) {
        if (value instanceof TlObject o) {
            return o;
        }
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof List<?>) {
            return new RpcValue(value);
        }
        throw new IllegalArgumentException("not a TL result value: " + value.getClass().getName());
    }

    public Object value() {
        return value;
    }

    /** The bytes in the client's layer. */
    public byte[] toBytes(LayerCodec codec) {
        TlWriter w = new TlWriter(64);
        write(value, codec, w);
        return w.toByteArray();
    }

    private static void write(Object v, LayerCodec codec, TlWriter w) {
        if (v instanceof Boolean b) {
            w.writeInt(b ? BOOL_TRUE : BOOL_FALSE);
        } else if (v instanceof Integer i) {
            w.writeInt(i);
        } else if (v instanceof Long l) {
            w.writeLong(l);
        } else if (v instanceof List<?> list) {
            w.writeInt(VECTOR).writeInt(list.size());
            for (Object e : list) {
                write(e, codec, w);
            }
        } else if (v instanceof TlObject o) {
            if (codec != null) {
                codec.write(o, w);
            } else {
                o.serialize(w);
            }
        } else {
            throw new IllegalArgumentException("not a TL result value: " + v.getClass().getName());
        }
    }

    @Override
    public int constructorId() {
        return 0;
    }

    @Override
    public String tlName() {
        return "rpc_value";
    }

    /** Writes the value as the newest layer defines it (its own bytes: a value has no constructor of its own). */
    @Override
    public void serialize(TlWriter w) {
        write(value, null, w);
    }

    @Override
    public void serializeBare(TlWriter w) {
        write(value, null, w);
    }

    @Override
    public int serializedBareSize() {
        TlWriter w = new TlWriter(64);
        write(value, null, w);
        return w.toByteArray().length;
    }

    @Override
    public int serializedSize() {
        return serializedBareSize();
    }

    @Override
    public byte[] toBytes() {
        TlWriter w = new TlWriter(64);
        write(value, null, w);
        return w.toByteArray();
    }
}
