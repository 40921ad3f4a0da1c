package io.heliograph.tl.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed schema: constructors and functions in file order, with lookups by name and by id. */
public final class TlSchema {

    private final List<TlCombinator> constructors;
    private final List<TlCombinator> functions;
    private final Map<String, TlCombinator> byName = new LinkedHashMap<>();
    private final Map<Integer, TlCombinator> byId = new LinkedHashMap<>();
    private final Integer layer;

    TlSchema(List<TlCombinator> constructors, List<TlCombinator> functions, Integer layer) {
        this.constructors = List.copyOf(constructors);
        this.functions = List.copyOf(functions);
        this.layer = layer;
        for (TlCombinator c : constructors) {
            byName.put(c.name(), c);
            byId.put(c.id(), c);
        }
        for (TlCombinator f : functions) {
            byName.putIfAbsent(f.name(), f);
            // TDLib declares pseudo-functions such as invokeWithBusinessConnectionPrefix with the id of the generic
            // function they prefix: the generic one owns the id
            TlCombinator other = byId.get(f.id());
            if (other == null || (other.typeParams().isEmpty() && !f.typeParams().isEmpty())) {
                byId.put(f.id(), f);
            }
        }
    }

    public List<TlCombinator> constructors() {
        return constructors;
    }

    public List<TlCombinator> functions() {
        return functions;
    }

    /** The {@code // LAYER N} the schema declares, or null. */
    public Integer layer() {
        return layer;
    }

    public TlCombinator byName(String name) {
        return byName.get(name);
    }

    public TlCombinator byId(int id) {
        return byId.get(id);
    }

    public Map<String, TlCombinator> all() {
        return Collections.unmodifiableMap(byName);
    }
}
