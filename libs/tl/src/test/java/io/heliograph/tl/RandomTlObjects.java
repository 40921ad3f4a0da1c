package io.heliograph.tl;

import io.heliograph.tl.schema.TlCombinator;
import io.heliograph.tl.schema.TlParam;
import io.heliograph.tl.schema.TlSchema;
import io.heliograph.tl.schema.TlSchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds arbitrary valid instances of generated TL records from a seed: every field gets a random value of its
 * type, optional fields are present or absent per flag bit (fields sharing a bit agree), nesting is bounded.
 */
final class RandomTlObjects {

    private static final int MAX_DEPTH = 3;
    private static final String[] SAMPLES = {"", "a", "héllo", "日本語", "emoji 😀 pair", "x".repeat(300)};

    private final Random random;
    private final TlSchema schema;
    private final TlFunction<?> sampleQuery;

    RandomTlObjects(long seed, String schemaResource, TlFunction<?> sampleQuery) {
        this.random = new Random(seed);
        this.schema = load(schemaResource);
        this.sampleQuery = sampleQuery;
    }

    static TlSchema load(String resource) {
        try (InputStream in = RandomTlObjects.class.getResourceAsStream(resource)) {
            return TlSchemaParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TlObject create(Class<?> recordClass, int depth) {
        try {
            String name = (String) recordClass.getField("NAME").get(null);
            TlCombinator c = schema.byName(name);
            RecordComponent[] comps = recordClass.getRecordComponents();
            List<TlParam> fields = c.params().stream().filter(p -> !p.isFlags()).toList();
            Map<String, Boolean> present = new HashMap<>();
            Object[] args = new Object[comps.length];
            Class<?>[] types = new Class<?>[comps.length];
            for (int i = 0; i < comps.length; i++) {
                TlParam p = fields.get(i);
                types[i] = comps[i].getType();
                if (p.conditional()) {
                    boolean on = present.computeIfAbsent(p.flagField() + "." + p.flagBit(),
                            k -> depth < MAX_DEPTH && random.nextBoolean());
                    if (p.isTrueFlag()) {
                        args[i] = on;
                        continue;
                    }
                    if (!on) {
                        args[i] = null;
                        continue;
                    }
                }
                args[i] = value(comps[i].getGenericType(), p.type().name(), depth);
            }
            Constructor<?> ctor = recordClass.getDeclaredConstructor(types);
            return (TlObject) ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + recordClass.getName(), e);
        }
    }

    private Object value(Type type, String tlName, int depth) {
        if (type instanceof ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            if (raw == List.class) {
                int n = depth < MAX_DEPTH ? random.nextInt(4) : 0;
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(value(pt.getActualTypeArguments()[0], tlName, depth + 1));
                }
                return list;
            }
            if (raw == TlFunction.class) {
                return sampleQuery;
            }
            throw new IllegalStateException("unexpected generic type " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == int.class || c == Integer.class) {
            return random.nextInt();
        }
        if (c == long.class || c == Long.class) {
            return random.nextLong();
        }
        if (c == double.class || c == Double.class) {
            return random.nextDouble() * 1e6;
        }
        if (c == boolean.class || c == Boolean.class) {
            return random.nextBoolean();
        }
        if (c == String.class) {
            return SAMPLES[random.nextInt(SAMPLES.length)];
        }
        if (c == byte[].class) {
            int len = switch (tlName) {
                case "int128" -> 16;
                case "int256" -> 32;
                default -> random.nextInt(3) == 0 ? 254 + random.nextInt(300) : random.nextInt(20);
            };
            byte[] b = new byte[len];
            random.nextBytes(b);
            return b;
        }
        if (c == TlObject.class) {
            return sampleQuery;
        }
        if (c.isInterface() && c.isSealed()) {
            Class<?>[] options = c.getPermittedSubclasses();
            Class<?> pick = depth >= MAX_DEPTH
                    ? java.util.Arrays.stream(options).min(Comparator.comparingInt(o -> o.getRecordComponents().length)).orElseThrow()
                    : options[random.nextInt(options.length)];
            return create(pick, depth + 1);
        }
        if (c.isRecord()) {
            return create(c, depth + 1);
        }
        throw new IllegalStateException("no generator for " + c);
    }
}
