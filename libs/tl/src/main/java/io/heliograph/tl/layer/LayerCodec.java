package io.heliograph.tl.layer;

import io.heliograph.tl.TlConstants;
import io.heliograph.tl.TlDecodeException;
import io.heliograph.tl.TlFunction;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.TlUnknownConstructorException;
import io.heliograph.tl.TlWriter;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.schema.TlCombinator;
import io.heliograph.tl.schema.TlNames;
import io.heliograph.tl.schema.TlParam;
import io.heliograph.tl.schema.TlSchema;
import io.heliograph.tl.schema.TlTypeRef;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and writes API objects in one client's layer while the server works in the newest one. A constructor whose
 * whole wire form is the same in both layers (same id, and every constructor reachable from its fields the same) is
 * written and read by the generated code directly; any other is mapped field by field, by constructor and field
 * name, with flags recomputed for the client's definition. A field the client's layer lacks is dropped on the way
 * out and defaulted on the way in; a constructor one side does not know is a {@link TlDecodeException} (answered as
 * an RPC error), never a corrupt stream.
 *
 * @see <a href="https://core.telegram.org/api/invoking#layers">Layers</a>
 */
public final class LayerCodec {

    private static final Map<String, Class<? extends TlObject>> CLASSES = new HashMap<>();

    static {
        for (Class<? extends TlObject> c : ApiRegistry.classes()) {
            try {
                CLASSES.put((String) c.getField("NAME").get(null), c);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    private final int layer;
    private final TlSchema client;
    private final TlSchema newest;
    /** Client-layer constructor names whose wire form equals the newest layer's, transitively. */
    private final Set<String> identical;
    /** The boxed types the client's layer has constructors for. */
    private final Set<String> clientTypes = new HashSet<>();
    private final Map<Class<?>, RecordAccess> access = new ConcurrentHashMap<>();

    LayerCodec(int layer, TlSchema client, TlSchema newest) {
        this.layer = layer;
        this.client = client;
        this.newest = newest;
        this.identical = identicalClosure(client, newest);
        for (TlCombinator c : client.constructors()) {
            clientTypes.add(c.result().name());
        }
    }

    public int layer() {
        return layer;
    }

    /** True when objects of this constructor need no mapping for this layer. */
    public boolean isIdentical(String constructorName) {
        return identical.contains(constructorName);
    }

    // ---- server -> client ------------------------------------------------------------------------------------

    /** Writes a newest-layer object (boxed) as this layer defines it. */
    public void write(TlObject obj, TlWriter w) {
        if (identical.contains(obj.tlName())) {
            obj.serialize(w);
            return;
        }
        TlCombinator c = client.byName(obj.tlName());
        if (c == null) {
            throw new TlLayerMismatchException("layer " + layer + " has no constructor " + obj.tlName());
        }
        w.writeInt(c.id());
        writeBare(obj, c, w);
    }

    public byte[] toBytes(TlObject obj) {
        TlWriter w = new TlWriter(Math.max(64, obj.serializedSize()));
        write(obj, w);
        return w.toByteArray();
    }

    private void writeBare(TlObject obj, TlCombinator c, TlWriter w) {
        RecordAccess ra = access(obj.getClass());
        Map<String, Integer> flagValues = flagValues(obj, c, ra);
        for (TlParam p : c.params()) {
            if (p.isFlags()) {
                w.writeInt(flagValues.get(p.name()));
            } else if (p.conditional()) {
                boolean on = (flagValues.get(p.flagField()) & (1 << p.flagBit())) != 0;
                if (!p.isTrueFlag() && on) {
                    writeValue(fit(ra.get(obj, p.name()), p.type()), p.type(), w);
                }
            } else {
                Object v = fit(ra.get(obj, p.name()), p.type());
                if (v == null) {
                    v = defaultValue(p.type());
                    if (v == null) {
                        throw new TlLayerMismatchException(c.name() + "." + p.name() + " is required in layer " + layer
                                + " and has no value that fits it");
                    }
                }
                writeValue(v, p.type(), w);
            }
        }
    }

    /**
     * The flags words of the client's definition. A bit shared by several fields (in some layers a {@code true}
     * flag and the values it announces share one bit) is set only when every value field of the bit can be written,
     * so the stream never announces a field it then omits.
     */
    private Map<String, Integer> flagValues(TlObject obj, TlCombinator c, RecordAccess ra) {
        Map<String, Integer> flags = new HashMap<>();
        for (TlParam p : c.params()) {
            if (!p.isFlags()) {
                continue;
            }
            int word = 0;
            for (int bit = 0; bit < 32; bit++) {
                boolean anyValue = false;
                boolean allValues = true;
                boolean anyTrue = false;
                for (TlParam q : c.params()) {
                    if (q.conditional() && q.flagField().equals(p.name()) && q.flagBit() == bit) {
                        Object v = ra.get(obj, q.name());
                        if (q.isTrueFlag()) {
                            anyTrue |= Boolean.TRUE.equals(v);
                        } else {
                            anyValue = true;
                            allValues &= fit(v, q.type()) != null;
                        }
                    }
                }
                if (anyValue ? allValues : anyTrue) {
                    word |= 1 << bit;
                }
            }
            flags.put(p.name(), word);
        }
        return flags;
    }

    /** The value as the client's type can carry it, or null when it cannot (the field is then absent or defaulted). */
    private Object fit(Object v, TlTypeRef t) {
        if (v == null) {
            return null;
        }
        return switch (t.kind()) {
            case BUILTIN -> switch (t.name()) {
                case "int" -> v instanceof Integer || (v instanceof Long l && l == l.intValue()) ? v : null;
                case "long" -> v instanceof Number n && !(v instanceof Double) ? n.longValue() : null;
                case "double" -> v instanceof Double ? v : null;
                case "string" -> v instanceof String ? v : textOf(v);
                case "bytes", "int128", "int256" -> v instanceof byte[] ? v : null;
                case "Bool", "true" -> v instanceof Boolean ? v : null;
                default -> null;
            };
            case BOXED, BARE -> v instanceof TlObject o && constructorOfType(o.tlName(), t) ? v : null;
            case QUERY -> v instanceof TlObject ? v : null;
            case VECTOR, BARE_VECTOR -> {
                if (!(v instanceof List<?> list)) {
                    yield null;
                }
                List<Object> out = new ArrayList<>(list.size());
                for (Object e : list) {
                    Object f = fit(e, t.element());
                    if (f == null) {
                        yield null;
                    }
                    out.add(f);
                }
                yield out;
            }
            default -> null;
        };
    }

    /** A formatted text ({@code textWithEntities}) where the client's layer still has a plain string. */
    private String textOf(Object v) {
        if (v instanceof TlObject o) {
            Object text = access(o.getClass()).get(o, "text");
            return text instanceof String s ? s : null;
        }
        return null;
    }

    private boolean constructorOfType(String constructor, TlTypeRef t) {
        TlCombinator c = client.byName(constructor);
        if (c == null) {
            throw new TlLayerMismatchException("layer " + layer + " has no constructor " + constructor);
        }
        return t.kind() == TlTypeRef.Kind.BARE ? c.name().equals(t.name()) : c.result().name().equals(t.name());
    }

    private void writeValue(Object v, TlTypeRef t, TlWriter w) {
        switch (t.kind()) {
            case BUILTIN -> {
                switch (t.name()) {
                    case "int" -> w.writeInt(((Number) v).intValue());
                    case "long" -> w.writeLong(((Number) v).longValue());
                    case "double" -> w.writeDouble(((Number) v).doubleValue());
                    case "string" -> w.writeString((String) v);
                    case "bytes" -> w.writeBytes((byte[]) v);
                    case "int128", "int256" -> w.writeRaw((byte[]) v);
                    case "Bool" -> w.writeBool((Boolean) v);
                    default -> throw new TlDecodeException("cannot write " + t + " for layer " + layer);
                }
            }
            case BOXED -> write((TlObject) v, w);
            case QUERY -> write((TlObject) v, w);
            case BARE -> {
                TlObject o = (TlObject) v;
                TlCombinator c = client.byName(o.tlName());
                if (c == null) {
                    throw new TlLayerMismatchException("layer " + layer + " has no constructor " + o.tlName());
                }
                writeBare(o, c, w);
            }
            case VECTOR, BARE_VECTOR -> {
                List<?> list = (List<?>) v;
                if (t.kind() == TlTypeRef.Kind.VECTOR) {
                    w.writeInt(TlConstants.VECTOR);
                }
                w.writeInt(list.size());
                for (Object e : list) {
                    writeValue(e, t.element(), w);
                }
            }
            default -> throw new TlDecodeException("cannot write " + t + " for layer " + layer);
        }
    }

    // ---- client -> server ------------------------------------------------------------------------------------

    /** Reads a boxed object written in this layer and returns it as a newest-layer object. */
    public TlObject read(TlReader r) {
        int id = r.readInt();
        TlCombinator c = client.byId(id);
        if (c == null) {
            throw new TlUnknownConstructorException(id);
        }
        if (identical.contains(c.name())) {
            return ApiRegistry.readBare(id, r);
        }
        r.enter();
        try {
            return readBare(c, r);
        } finally {
            r.exit();
        }
    }

    /** Reads a boxed function call (such as the query of invokeWithLayer) in this layer. */
    public TlFunction<?> readFunction(TlReader r) {
        TlObject o = read(r);
        if (!(o instanceof TlFunction<?> f)) {
            throw new TlDecodeException("expected a function, found " + o.tlName());
        }
        return f;
    }

    private TlObject readBare(TlCombinator c, TlReader r) {
        Class<? extends TlObject> cls = CLASSES.get(c.name());
        TlCombinator target = newest.byName(c.name());
        if (cls == null || target == null) {
            throw new TlLayerMismatchException("constructor " + c.name() + " of layer " + layer + " has no newest-layer equivalent");
        }
        Map<String, Object> values = new HashMap<>();
        Map<String, Integer> flags = new HashMap<>();
        for (TlParam p : c.params()) {
            if (p.isFlags()) {
                flags.put(p.name(), r.readInt());
            } else if (p.conditional()) {
                boolean on = (flags.getOrDefault(p.flagField(), 0) & (1 << p.flagBit())) != 0;
                if (p.isTrueFlag()) {
                    values.put(p.name(), on);
                } else if (on) {
                    values.put(p.name(), readValue(p.type(), r));
                }
            } else {
                values.put(p.name(), readValue(p.type(), r));
            }
        }
        return access(cls).construct(target, values);
    }

    private Object readValue(TlTypeRef t, TlReader r) {
        return switch (t.kind()) {
            case BUILTIN -> switch (t.name()) {
                case "int" -> r.readInt();
                case "long" -> r.readLong();
                case "double" -> r.readDouble();
                case "string" -> r.readString();
                case "bytes" -> r.readBytes();
                case "int128" -> r.readRaw(16);
                case "int256" -> r.readRaw(32);
                case "Bool" -> r.readBool();
                default -> throw new TlDecodeException("cannot read " + t + " in layer " + layer);
            };
            case BOXED -> {
                // as the generated readers do: a constructor of another type (or a function) is refused here, since
                // construct() cannot see it once it sits in a list
                TlObject o = read(r);
                TlCombinator c = client.byName(o.tlName());
                if (clientTypes.contains(t.name()) && (c == null || c.function() || !c.result().name().equals(t.name()))) {
                    throw new TlDecodeException("expected " + t.name() + ", found " + o.tlName() + " in layer " + layer);
                }
                yield o;
            }
            case QUERY -> read(r);
            case BARE -> {
                TlCombinator c = client.byName(t.name());
                if (c == null) {
                    throw new TlDecodeException("unknown bare constructor " + t.name() + " in layer " + layer);
                }
                yield readBare(c, r);
            }
            case VECTOR, BARE_VECTOR -> {
                int n = t.kind() == TlTypeRef.Kind.VECTOR ? r.readVectorHeader(1 << 20, 4) : r.readBareVectorCount(1 << 20, 4);
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(readValue(t.element(), r));
                }
                yield list;
            }
            default -> throw new TlDecodeException("cannot read " + t + " in layer " + layer);
        };
    }

    // ---- mapping ---------------------------------------------------------------------------------------------

    private RecordAccess access(Class<?> cls) {
        return access.computeIfAbsent(cls, RecordAccess::new);
    }

    private static Object defaultValue(TlTypeRef t) {
        return switch (t.kind()) {
            case BUILTIN -> switch (t.name()) {
                case "int" -> 0;
                case "long" -> 0L;
                case "double" -> 0.0;
                case "string" -> "";
                case "bytes" -> new byte[0];
                case "int128" -> new byte[16];
                case "int256" -> new byte[32];
                case "Bool", "true" -> false;
                default -> null;
            };
            case VECTOR, BARE_VECTOR -> List.of();
            default -> null;
        };
    }

    /** Field access and construction of one generated record, by TL field name. */
    private static final class RecordAccess {

        private final Map<String, MethodHandle> getters = new HashMap<>();
        private final List<String> order = new ArrayList<>();
        private final List<Class<?>> types = new ArrayList<>();
        private final List<Type> genericTypes = new ArrayList<>();
        private final Constructor<?> constructor;

        RecordAccess(Class<?> cls) {
            RecordComponent[] comps = cls.getRecordComponents();
            Class<?>[] paramTypes = new Class<?>[comps.length];
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            try {
                for (int i = 0; i < comps.length; i++) {
                    getters.put(comps[i].getName(), lookup.unreflect(comps[i].getAccessor()));
                    order.add(comps[i].getName());
                    types.add(comps[i].getType());
                    genericTypes.add(comps[i].getGenericType());
                    paramTypes[i] = comps[i].getType();
                }
                constructor = cls.getDeclaredConstructor(paramTypes);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot map " + cls.getName(), e);
            }
        }

        Object get(Object obj, String tlField) {
            MethodHandle h = getters.get(TlNames.fieldName(tlField));
            if (h == null) {
                return null;
            }
            try {
                return h.invoke(obj);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        TlObject construct(TlCombinator target, Map<String, Object> byTlName) {
            Map<String, Object> byField = new HashMap<>();
            Map<String, TlParam> params = new HashMap<>();
            for (TlParam p : target.params()) {
                params.put(TlNames.fieldName(p.name()), p);
            }
            byTlName.forEach((k, v) -> byField.put(TlNames.fieldName(k), v));
            Object[] args = new Object[order.size()];
            for (int i = 0; i < args.length; i++) {
                String f = order.get(i);
                Object v = byField.get(f);
                TlParam p = params.get(f);
                Class<?> type = types.get(i);
                v = coerce(v, type);
                if (v instanceof List<?> list) {
                    v = fitElements(list, genericTypes.get(i));
                }
                if (v != null && !wrap(type).isInstance(v)) {
                    v = null; // the field changed type between the layers
                }
                if (v == null && (p == null || !p.conditional() || p.isTrueFlag())) {
                    v = p == null ? primitiveDefault(type) : (p.isTrueFlag() ? Boolean.FALSE : defaultValue(p.type()));
                    if (v == null && !type.isPrimitive()) {
                        throw new TlLayerMismatchException(target.name() + "." + f
                                + " is required in the newest layer and the client's layer has no value for it");
                    }
                }
                args[i] = v;
            }
            completeFlagGroups(target, args);
            try {
                return (TlObject) constructor.newInstance(args);
            } catch (ReflectiveOperationException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new TlDecodeException("cannot build " + target.name() + ": " + cause.getMessage());
            }
        }

        /**
         * Fields sharing a flag bit in the newest layer must be all present or all absent; a layer that had only some
         * of them leaves the others empty: they get their type's default, or the whole group is dropped.
         */
        private void completeFlagGroups(TlCombinator target, Object[] args) {
            Map<String, List<Integer>> groups = new HashMap<>();
            Map<Integer, TlParam> paramAt = new HashMap<>();
            for (TlParam p : target.params()) {
                int idx = order.indexOf(TlNames.fieldName(p.name()));
                if (idx >= 0 && p.conditional()) {
                    groups.computeIfAbsent(p.flagField() + "." + p.flagBit(), k -> new ArrayList<>()).add(idx);
                    paramAt.put(idx, p);
                }
            }
            for (List<Integer> group : groups.values()) {
                if (group.size() < 2) {
                    continue;
                }
                long present = group.stream().filter(i -> isSet(args[i], paramAt.get(i))).count();
                if (present == 0 || present == group.size()) {
                    continue;
                }
                boolean filled = true;
                for (int i : group) {
                    TlParam p = paramAt.get(i);
                    if (p.isTrueFlag()) {
                        args[i] = Boolean.TRUE;
                    } else if (args[i] == null) {
                        args[i] = defaultValue(p.type());
                        filled &= args[i] != null;
                    }
                }
                if (!filled) {
                    group.forEach(i -> args[i] = paramAt.get(i).isTrueFlag() ? Boolean.FALSE : null);
                }
            }
        }

        private static boolean isSet(Object v, TlParam p) {
            return p.isTrueFlag() ? Boolean.TRUE.equals(v) : v != null;
        }

        private static Class<?> wrap(Class<?> type) {
            if (type == int.class) {
                return Integer.class;
            }
            if (type == long.class) {
                return Long.class;
            }
            if (type == double.class) {
                return Double.class;
            }
            if (type == boolean.class) {
                return Boolean.class;
            }
            return type;
        }

        private static Object primitiveDefault(Class<?> type) {
            if (type == int.class) {
                return 0;
            }
            if (type == long.class) {
                return 0L;
            }
            if (type == double.class) {
                return 0.0;
            }
            if (type == boolean.class) {
                return false;
            }
            return null;
        }

        /**
         * The list with every element converted as {@link #coerce} does to the element type of {@code type}, or null
         * when an element does not fit it (a vector whose element type changed between the layers): the record's
         * List would otherwise hold objects of another type, a ClassCastException wherever it is read.
         */
        private static List<Object> fitElements(List<?> list, Type type) {
            Type element = type instanceof ParameterizedType pt && pt.getActualTypeArguments().length == 1
                    ? pt.getActualTypeArguments()[0] : Object.class;
            Class<?> raw = element instanceof Class<?> c ? c
                    : element instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> c ? c : Object.class;
            List<Object> out = new ArrayList<>(list.size());
            for (Object e : list) {
                Object f = coerce(e, raw);
                if (f instanceof List<?> inner) {
                    f = fitElements(inner, element);
                }
                if (f == null || !raw.isInstance(f)) {
                    return null;
                }
                out.add(f);
            }
            return out;
        }

        private static Object coerce(Object v, Class<?> type) {
            if (v instanceof Integer n && (type == long.class || type == Long.class)) {
                return n.longValue();
            }
            if (v instanceof Long n && (type == int.class || type == Integer.class) && n == n.intValue()) {
                return n.intValue();
            }
            return v;
        }
    }

    // ---- identical closure -----------------------------------------------------------------------------------

    private static Set<String> identicalClosure(TlSchema client, TlSchema newest) {
        Map<String, List<TlCombinator>> clientTypes = new HashMap<>();
        for (TlCombinator c : client.constructors()) {
            clientTypes.computeIfAbsent(c.result().name(), k -> new ArrayList<>()).add(c);
        }
        Map<String, List<TlCombinator>> newestTypes = new HashMap<>();
        for (TlCombinator c : newest.constructors()) {
            newestTypes.computeIfAbsent(c.result().name(), k -> new ArrayList<>()).add(c);
        }
        Set<String> candidate = new HashSet<>();
        for (TlCombinator c : client.all().values()) {
            TlCombinator n = newest.byName(c.name());
            if (n != null && n.id() == c.id() && CLASSES.containsKey(c.name())) {
                candidate.add(c.name());
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String name : new ArrayList<>(candidate)) {
                TlCombinator c = client.byName(name);
                for (TlParam p : c.params()) {
                    if (!typeIdentical(p.type(), candidate, clientTypes, newestTypes)) {
                        candidate.remove(name);
                        changed = true;
                        break;
                    }
                }
            }
        }
        return Set.copyOf(candidate);
    }

    private static boolean typeIdentical(TlTypeRef t, Set<String> candidate, Map<String, List<TlCombinator>> clientTypes,
            Map<String, List<TlCombinator>> newestTypes) {
        return switch (t.kind()) {
            case BUILTIN, TYPE_PARAM -> true;
            // a query may be any function of the client's layer: always read it through this codec
            case QUERY -> false;
            case BARE -> candidate.contains(t.name());
            case VECTOR, BARE_VECTOR -> typeIdentical(t.element(), candidate, clientTypes, newestTypes);
            case BOXED -> {
                // every constructor of the type, on either side, must be identical in both
                Set<String> names = new HashSet<>();
                clientTypes.getOrDefault(t.name(), List.of()).forEach(c -> names.add(c.name()));
                newestTypes.getOrDefault(t.name(), List.of()).forEach(c -> names.add(c.name()));
                yield candidate.containsAll(names);
            }
        };
    }
}
