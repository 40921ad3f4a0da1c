package io.heliograph.tl;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Helpers the generated code calls: value checks, UTF-8 sizes, and equality that compares byte arrays by content. */
public final class TlSupport {

    private TlSupport() {
    }

    public static void requireLength(byte[] value, int length, String field) {
        if (value != null && value.length != length) {
            throw new IllegalArgumentException(field + " must be " + length + " bytes, got " + value.length);
        }
    }

    /** Fields that share one flag bit must be all present or all absent. */
    public static void requireAllOrNone(String fields, boolean... present) {
        boolean first = present[0];
        for (boolean p : present) {
            if (p != first) {
                throw new IllegalArgumentException(fields + " share one flag bit: set all of them or none");
            }
        }
    }

    /** The number of bytes {@code s} takes in UTF-8, without encoding it. */
    public static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    public static boolean deepEquals(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!deepEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    public static int deepHash(Object o) {
        if (o instanceof byte[] b) {
            return Arrays.hashCode(b);
        }
        if (o instanceof List<?> list) {
            int h = 1;
            for (Object e : list) {
                h = 31 * h + deepHash(e);
            }
            return h;
        }
        return Objects.hashCode(o);
    }
}
