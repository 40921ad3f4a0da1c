package io.heliograph.tl.schema;

import java.util.Objects;

/**
 * A parameter's type as written in the schema: a builtin ({@code int}, {@code string}, {@code #} ...), a boxed type
 * ({@code InputPeer}), a bare constructor ({@code future_salt} or {@code %Message}), a vector ({@code Vector<T>} boxed,
 * {@code vector<T>} bare), a type parameter ({@code X}) or a query of any type ({@code !X}).
 *
 * @see <a href="https://core.telegram.org/mtproto/TL-types">TL types</a>
 */
public record TlTypeRef(Kind kind, String name, TlTypeRef element) {

    /** What a type reference denotes. */
    public enum Kind {
        /** int, long, double, string, bytes, int128, int256, Bool, true, # */
        BUILTIN,
        /** a boxed type: written with its constructor id */
        BOXED,
        /** a bare constructor: written without its id */
        BARE,
        /** a vector; {@link #bare()} tells whether its own id is written */
        VECTOR,
        /** a bare vector: count and elements only */
        BARE_VECTOR,
        /** a type parameter such as X */
        TYPE_PARAM,
        /** !X: any function whose result is X */
        QUERY
    }

    public TlTypeRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public boolean isVector() {
        return kind == Kind.VECTOR || kind == Kind.BARE_VECTOR;
    }

    public boolean isBuiltin(String builtin) {
        return kind == Kind.BUILTIN && name.equals(builtin);
    }

    /** The schema spelling, e.g. {@code Vector<long>}. */
    @Override
    public String toString() {
        return switch (kind) {
            case VECTOR -> "Vector<" + element + ">";
            case BARE_VECTOR -> "vector<" + element + ">";
            case QUERY -> "!" + name;
            default -> name;
        };
    }
}
