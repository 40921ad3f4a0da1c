package io.heliograph.platform.rpc;

import io.heliograph.tl.TlConstants;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlWriter;
import java.util.List;

/**
 * Writes an API method's result in the form its function's generated {@code readResult} reads: a boxed TL object, a
 * boxed {@code Bool}, or a boxed {@code Vector} of bare ints/longs/doubles/strings/bytes or boxed objects.
 */
public final class TlResults {

    private TlResults() {
    }

    public static byte[] encode(Object result) {
        if (result instanceof TlObject o) {
            return o.toBytes();
        }
        TlWriter w = new TlWriter();
        write(w, result);
        return w.toByteArray();
    }

    private static void write(TlWriter w, Object value) {
        if (value instanceof TlObject o) {
            o.serialize(w);
        } else if (value instanceof Boolean b) {
            w.writeInt(b ? TlConstants.BOOL_TRUE : TlConstants.BOOL_FALSE);
        } else if (value instanceof List<?> list) {
            w.writeInt(TlConstants.VECTOR);
            w.writeInt(list.size());
            for (Object element : list) {
                writeElement(w, element);
            }
        } else {
            throw new IllegalArgumentException("cannot write a " + (value == null ? "null" : value.getClass().getName())
                    + " as a TL result");
        }
    }

    private static void writeElement(TlWriter w, Object element) {
        if (element instanceof Integer i) {
            w.writeInt(i);
        } else if (element instanceof Long l) {
            w.writeLong(l);
        } else if (element instanceof Double d) {
            w.writeDouble(d);
        } else if (element instanceof String s) {
            w.writeString(s);
        } else if (element instanceof byte[] bytes) {
            w.writeBytes(bytes);
        } else {
            write(w, element);
        }
    }
}
