package io.heliograph.tl.schema;

import java.util.List;

/**
 * A constructor or a function of a schema: {@code name#id params = ResultType}. {@code typeParams} are the
 * {@code {X:Type}} parameters of generic functions such as {@code invokeWithLayer}.
 */
public record TlCombinator(String name, int id, List<TlParam> params, TlTypeRef result, boolean function,
        List<String> typeParams, String source) {

    public TlCombinator {
        params = List.copyOf(params);
        typeParams = List.copyOf(typeParams);
    }

    public String idHex() {
        return String.format("%08x", id);
    }
}
