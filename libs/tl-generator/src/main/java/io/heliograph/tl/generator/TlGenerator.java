package io.heliograph.tl.generator;

import io.heliograph.tl.schema.TlCombinator;
import io.heliograph.tl.schema.TlNames;
import io.heliograph.tl.schema.TlParam;
import io.heliograph.tl.schema.TlSchema;
import io.heliograph.tl.schema.TlSchemaParser;
import io.heliograph.tl.schema.TlTypeRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates Java from a TL schema: a sealed interface {@code T<Type>} per boxed type, a record per constructor, a
 * record implementing {@code TlFunction<Result>} per function, and a registry that reads any boxed object by its
 * constructor id. Output carries a DO-NOT-EDIT header naming its input; an unsupported construct fails naming it.
 *
 * <p>Usage: {@code TlGenerator <schema.tl> <out-dir> <java.package> <RegistryName> [binary-strings] [layer=N]}. With
 * {@code binary-strings}, TL {@code string} maps to {@code byte[]} (the MTProto service schema carries binary data in
 * strings); otherwise to {@link String}.
 */
public final class TlGenerator {

    private static final int MAX_VECTOR = 1 << 20;

    private final TlSchema schema;
    private final String pkg;
    private final String registry;
    private final boolean binaryStrings;
    private final String source;
    private final Integer layer;
    /** TL type name -> its constructors (boxed types the schema declares). */
    private final Map<String, List<TlCombinator>> types = new LinkedHashMap<>();
    private final Map<String, String> classNames = new HashMap<>();

    TlGenerator(TlSchema schema, String pkg, String registry, boolean binaryStrings, String source, Integer layer) {
        this.schema = schema;
        this.layer = layer;
        this.pkg = pkg;
        this.registry = registry;
        this.binaryStrings = binaryStrings;
        this.source = source;
        for (TlCombinator c : schema.constructors()) {
            types.computeIfAbsent(c.result().name(), k -> new ArrayList<>()).add(c);
        }
        Map<String, String> seen = new HashMap<>();
        for (TlCombinator c : allCombinators()) {
            String cls = className(c.name());
            String clash = seen.put(cls, c.name());
            if (clash != null) {
                throw new IllegalStateException(source + ": combinators '" + clash + "' and '" + c.name()
                        + "' both map to the Java name " + cls);
            }
            classNames.put(c.name(), cls);
        }
        for (String t : types.keySet()) {
            String cls = typeName(t);
            String clash = seen.put(cls, "type " + t);
            if (clash != null) {
                throw new IllegalStateException(source + ": type '" + t + "' and '" + clash + "' both map to " + cls);
            }
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: TlGenerator <schema.tl> <out-dir> <package> <Registry> [binary-strings]");
        }
        Path schemaFile = Path.of(args[0]);
        TlSchema schema;
        try {
            schema = TlSchemaParser.parse(Files.readString(schemaFile, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(schemaFile + ": " + e.getMessage(), e);
        }
        boolean binary = false;
        Integer layer = schema.layer();
        for (int i = 4; i < args.length; i++) {
            if (args[i].equals("binary-strings")) {
                binary = true;
            } else if (args[i].startsWith("layer=")) {
                layer = Integer.parseInt(args[i].substring(6));
            } else {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        TlGenerator g = new TlGenerator(schema, args[2], args[3], binary, schemaFile.getFileName().toString(), layer);
        int n = g.write(Path.of(args[1]));
        System.out.println("TL generator: " + n + " files from " + schemaFile.getFileName() + " into " + args[2]);
    }

    /**
     * Constructors and functions, minus pseudo-combinators that reuse another's id (TDLib's schema declares
     * {@code invokeWithBusinessConnectionPrefix} with the id of the generic {@code invokeWithBusinessConnection}): of
     * two combinators with one id, the generic one is kept; any other id clash is an error.
     */
    private List<TlCombinator> allCombinators() {
        List<TlCombinator> all = new ArrayList<>(schema.constructors());
        all.addAll(schema.functions());
        Map<Integer, TlCombinator> byId = new LinkedHashMap<>();
        for (TlCombinator c : all) {
            TlCombinator other = byId.get(c.id());
            if (other == null) {
                byId.put(c.id(), c);
            } else if (!c.typeParams().isEmpty() && other.typeParams().isEmpty()) {
                byId.put(c.id(), c);
            } else if (c.typeParams().isEmpty() && !other.typeParams().isEmpty()) {
                continue;
            } else {
                throw new IllegalStateException(source + ": '" + c.name() + "' and '" + other.name()
                        + "' share the constructor id " + c.idHex());
            }
        }
        return all.stream().filter(c -> byId.get(c.id()) == c).toList();
    }

    int write(Path outDir) throws IOException {
        Path dir = outDir.resolve(pkg.replace('.', '/'));
        if (Files.isDirectory(dir)) {
            // a constructor removed from the schema must not survive as a stale class
            try (var old = Files.list(dir)) {
                for (Path f : old.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Files.delete(f);
                }
            }
        }
        Files.createDirectories(dir);
        int files = 0;
        for (Map.Entry<String, List<TlCombinator>> t : types.entrySet()) {
            Files.writeString(dir.resolve(typeName(t.getKey()) + ".java"), typeInterface(t.getKey(), t.getValue()));
            files++;
        }
        for (TlCombinator c : allCombinators()) {
            try {
                Files.writeString(dir.resolve(classNames.get(c.name()) + ".java"), record(c));
            } catch (RuntimeException e) {
                throw new IllegalStateException(source + ": cannot generate '" + c.source() + "': " + e.getMessage(), e);
            }
            files++;
        }
        Files.writeString(dir.resolve(registry + ".java"), registryClass());
        return files + 1;
    }

    // ---- naming ----------------------------------------------------------------------------------------------

    static String className(String tlName) {
        return TlNames.className(tlName);
    }

    static String typeName(String tlType) {
        return TlNames.typeName(tlType);
    }

    static String fieldName(String tlName) {
        return TlNames.fieldName(tlName);
    }

    private boolean declaredType(String tlType) {
        return types.containsKey(tlType);
    }

    // ---- Java types ------------------------------------------------------------------------------------------

    String javaType(TlTypeRef t, boolean boxed) {
        return switch (t.kind()) {
            case BUILTIN -> switch (t.name()) {
                case "int" -> boxed ? "Integer" : "int";
                case "long" -> boxed ? "Long" : "long";
                case "double" -> boxed ? "Double" : "double";
                case "string" -> binaryStrings ? "byte[]" : "String";
                case "bytes", "int128", "int256" -> "byte[]";
                case "Bool" -> boxed ? "Boolean" : "boolean";
                case "true" -> "boolean";
                default -> throw new IllegalStateException("no Java type for " + t);
            };
            case BOXED -> declaredType(t.name()) ? typeName(t.name()) : "TlObject";
            case BARE -> {
                String cls = classNames.get(t.name());
                if (cls == null) {
                    throw new IllegalStateException("bare reference to unknown constructor " + t.name());
                }
                yield cls;
            }
            case VECTOR, BARE_VECTOR -> "List<" + javaType(t.element(), true) + ">";
            case TYPE_PARAM -> t.name();
            case QUERY -> "TlFunction<" + t.name() + ">";
        };
    }

    private boolean isPrimitive(TlParam p) {
        String jt = javaType(p.type(), p.conditional() && !p.isTrueFlag());
        return Character.isLowerCase(jt.charAt(0)) && !jt.equals("byte[]");
    }

    private static boolean containsBytes(String javaType) {
        return javaType.contains("byte[]");
    }

    // ---- records ---------------------------------------------------------------------------------------------

    private String header() {
        // the marker is split so that this source file is not itself taken for generated code
        return "// Generated by heliograph-tl-generator from " + source + ". DO NOT " + "EDIT.\n";
    }

    private String typeInterface(String tlType, List<TlCombinator> ctors) {
        StringBuilder sb = new StringBuilder(header());
        sb.append("package ").append(pkg).append(";\n\n");
        sb.append("import io.heliograph.tl.TlObject;\n\n");
        sb.append("/** TL type {@code ").append(tlType).append("}. */\n");
        sb.append("public sealed interface ").append(typeName(tlType)).append(" extends TlObject permits ");
        List<String> names = new ArrayList<>();
        for (TlCombinator c : ctors) {
            names.add(classNames.get(c.name()));
        }
        sb.append(String.join(", ", names)).append(" {\n}\n");
        return sb.toString();
    }

    private List<TlParam> fields(TlCombinator c) {
        List<TlParam> out = new ArrayList<>();
        for (TlParam p : c.params()) {
            if (!p.isFlags()) {
                out.add(p);
            }
        }
        return out;
    }

    String record(TlCombinator c) {
        String cls = classNames.get(c.name());
        List<TlParam> fields = fields(c);
        String generics = c.typeParams().isEmpty() ? "" : "<" + String.join(", ", c.typeParams().stream()
                .map(x -> x + " extends Object").toList()) + ">";
        String implemented;
        if (c.function()) {
            implemented = "TlFunction<" + javaType(c.result(), true) + ">";
        } else {
            implemented = declaredType(c.result().name()) ? typeName(c.result().name()) : "TlObject";
        }
        StringBuilder sb = new StringBuilder(header());
        sb.append("package ").append(pkg).append(";\n\n");
        sb.append("import io.heliograph.tl.TlConstants;\n");
        sb.append("import io.heliograph.tl.TlFunction;\n");
        sb.append("import io.heliograph.tl.TlObject;\n");
        sb.append("import io.heliograph.tl.TlReader;\n");
        sb.append("import io.heliograph.tl.TlSupport;\n");
        sb.append("import io.heliograph.tl.TlWriter;\n");
        sb.append("import java.util.ArrayList;\n");
        sb.append("import java.util.List;\n");
        sb.append("import java.util.Objects;\n\n");
        sb.append("/** {@code ").append(c.source().replace("@", "{@literal @}").replace("*/", "* /")).append("} */\n");
        sb.append("@SuppressWarnings({\"unused\", \"unchecked\"})\n");
        sb.append("public record ").append(cls).append(generics).append("(");
        List<String> comps = new ArrayList<>();
        for (TlParam p : fields) {
            comps.add(javaType(p.type(), p.conditional() && !p.isTrueFlag()) + " " + fieldName(p.name()));
        }
        sb.append(String.join(", ", comps)).append(") implements ").append(implemented).append(" {\n\n");
        sb.append("    public static final int CONSTRUCTOR_ID = 0x").append(c.idHex()).append(";\n");
        sb.append("    public static final String NAME = \"").append(c.name()).append("\";\n\n");

        // compact constructor: required references non-null, lists copied, fixed-size byte arrays checked
        StringBuilder checks = new StringBuilder();
        for (TlParam p : fields) {
            String f = fieldName(p.name());
            String jt = javaType(p.type(), p.conditional() && !p.isTrueFlag());
            boolean ref = !isPrimitive(p);
            if (ref && !p.conditional()) {
                checks.append("        Objects.requireNonNull(").append(f).append(", \"").append(f).append("\");\n");
            }
            if (jt.startsWith("List<")) {
                checks.append("        ").append(f).append(" = ").append(p.conditional() ? f + " == null ? null : " : "")
                        .append("List.copyOf(").append(f).append(");\n");
            }
            if (p.type().isBuiltin("int128") || p.type().isBuiltin("int256")) {
                int len = p.type().isBuiltin("int128") ? 16 : 32;
                checks.append("        TlSupport.requireLength(").append(f).append(", ").append(len).append(", \"")
                        .append(f).append("\");\n");
            }
        }
        // fields sharing one flag bit are present together or not at all, or the stream would announce a field it omits
        Map<String, List<TlParam>> bitGroups = new LinkedHashMap<>();
        for (TlParam p : fields) {
            if (p.conditional()) {
                bitGroups.computeIfAbsent(p.flagField() + "." + p.flagBit(), k -> new ArrayList<>()).add(p);
            }
        }
        for (List<TlParam> group : bitGroups.values()) {
            if (group.size() > 1 && group.stream().anyMatch(q -> !q.isTrueFlag())) {
                List<String> names = new ArrayList<>();
                List<String> present = new ArrayList<>();
                for (TlParam q : group) {
                    names.add(fieldName(q.name()));
                    present.add(presence(q));
                }
                checks.append("        TlSupport.requireAllOrNone(\"").append(String.join(", ", names)).append("\", ")
                        .append(String.join(", ", present)).append(");\n");
            }
        }
        if (checks.length() > 0) {
            sb.append("    public ").append(cls).append(" {\n").append(checks).append("    }\n\n");
        }
        sb.append("    @Override\n    public int constructorId() {\n        return CONSTRUCTOR_ID;\n    }\n\n");
        sb.append("    @Override\n    public String tlName() {\n        return NAME;\n    }\n\n");

        // serializeBare
        sb.append("    @Override\n    public void serializeBare(TlWriter $w) {\n");
        Map<String, List<TlParam>> byFlags = new LinkedHashMap<>();
        for (TlParam p : c.params()) {
            if (p.isFlags()) {
                byFlags.put(p.name(), new ArrayList<>());
            }
        }
        for (TlParam p : c.params()) {
            if (p.conditional()) {
                List<TlParam> group = byFlags.get(p.flagField());
                if (group == null) {
                    throw new IllegalStateException("condition on undeclared flags field " + p.flagField());
                }
                group.add(p);
            }
        }
        for (TlParam p : c.params()) {
            if (p.isFlags()) {
                String var = "$f_" + fieldName(p.name());
                sb.append("        int ").append(var).append(" = 0;\n");
                for (TlParam q : byFlags.get(p.name())) {
                    sb.append("        if (").append(presence(q)).append(") {\n            ").append(var)
                            .append(" |= 1 << ").append(q.flagBit()).append(";\n        }\n");
                }
                sb.append("        $w.writeInt(").append(var).append(");\n");
            } else if (p.conditional()) {
                if (!p.isTrueFlag()) {
                    sb.append("        if (").append(presence(p)).append(") {\n");
                    writeValue(sb, fieldName(p.name()), p.type(), "            ", 0);
                    sb.append("        }\n");
                }
            } else {
                writeValue(sb, fieldName(p.name()), p.type(), "        ", 0);
            }
        }
        sb.append("    }\n\n");

        // serializedBareSize
        sb.append("    @Override\n    public int serializedBareSize() {\n        int $size = 0;\n");
        for (TlParam p : c.params()) {
            if (p.isFlags()) {
                sb.append("        $size += 4;\n");
            } else if (p.conditional()) {
                if (!p.isTrueFlag()) {
                    sb.append("        if (").append(presence(p)).append(") {\n");
                    sizeValue(sb, fieldName(p.name()), p.type(), "            ", 0);
                    sb.append("        }\n");
                }
            } else {
                sizeValue(sb, fieldName(p.name()), p.type(), "        ", 0);
            }
        }
        sb.append("        return $size;\n    }\n\n");

        // deserializeBare
        sb.append("    public static ").append(generics.isEmpty() ? "" : generics + " ").append(cls)
                .append(generics.isEmpty() ? "" : "<" + String.join(", ", c.typeParams()) + ">")
                .append(" deserializeBare(TlReader $r) {\n");
        for (TlParam p : c.params()) {
            String f = fieldName(p.name());
            if (p.isFlags()) {
                sb.append("        int $f_").append(f).append(" = $r.readInt();\n");
            } else if (p.isTrueFlag()) {
                sb.append("        boolean ").append(f).append(" = ($f_").append(fieldName(p.flagField()))
                        .append(" & (1 << ").append(p.flagBit()).append(")) != 0;\n");
            } else if (p.conditional()) {
                String jt = javaType(p.type(), true);
                sb.append("        ").append(jt).append(" ").append(f).append(" = null;\n");
                sb.append("        if (($f_").append(fieldName(p.flagField())).append(" & (1 << ").append(p.flagBit())
                        .append(")) != 0) {\n");
                readValue(sb, "$v_" + f, p.type(), "            ", 0);
                sb.append("            ").append(f).append(" = $v_").append(f).append(";\n        }\n");
            } else {
                readValue(sb, f, p.type(), "        ", 0);
            }
        }
        List<String> args = new ArrayList<>();
        for (TlParam p : fields) {
            args.add(fieldName(p.name()));
        }
        sb.append("        return new ").append(cls).append(generics.isEmpty() ? "" : "<>").append("(")
                .append(String.join(", ", args)).append(");\n    }\n");

        if (c.function()) {
            String rt = javaType(c.result(), true);
            sb.append("\n    @Override\n    public ").append(rt).append(" readResult(TlReader $r) {\n");
            if (c.result().kind() == TlTypeRef.Kind.TYPE_PARAM) {
                TlParam q = c.params().stream().filter(p -> p.type().kind() == TlTypeRef.Kind.QUERY).findFirst()
                        .orElseThrow(() -> new IllegalStateException("generic result without a query parameter"));
                sb.append("        return ").append(fieldName(q.name())).append(".readResult($r);\n");
            } else {
                readValue(sb, "$result", c.result(), "        ", 0);
                sb.append("        return $result;\n");
            }
            sb.append("    }\n");
        }

        if (generics.isEmpty() && fields.size() >= BUILDER_MIN_FIELDS) {
            builder(sb, cls, fields);
        }

        boolean arrays = fields.stream().anyMatch(p -> containsBytes(javaType(p.type(), true)));
        if (arrays) {
            sb.append("\n    @Override\n    public boolean equals(Object $o) {\n");
            sb.append("        if (this == $o) {\n            return true;\n        }\n");
            sb.append("        if (!($o instanceof ").append(cls).append(generics.isEmpty() ? "" : "<?>")
                    .append(" $other)) {\n            return false;\n        }\n");
            List<String> eq = new ArrayList<>();
            for (TlParam p : fields) {
                String f = fieldName(p.name());
                eq.add("TlSupport.deepEquals(" + f + ", $other." + f + ")");
            }
            sb.append("        return ").append(String.join("\n                && ", eq)).append(";\n    }\n");
            sb.append("\n    @Override\n    public int hashCode() {\n        int $h = CONSTRUCTOR_ID;\n");
            for (TlParam p : fields) {
                sb.append("        $h = 31 * $h + TlSupport.deepHash(").append(fieldName(p.name())).append(");\n");
            }
            sb.append("        return $h;\n    }\n");
        }
        sb.append("}\n");
        return sb.toString();
    }

    /** Records with this many fields or more get a builder: constructors such as message#… have dozens. */
    static final int BUILDER_MIN_FIELDS = 7;

    /** {@code builder()}, {@code toBuilder()} and a mutable {@code Builder} whose {@code build()} runs the checks. */
    private void builder(StringBuilder sb, String cls, List<TlParam> fields) {
        sb.append("\n    public static Builder builder() {\n        return new Builder();\n    }\n");
        sb.append("\n    public Builder toBuilder() {\n        Builder $b = new Builder();\n");
        for (TlParam p : fields) {
            String f = fieldName(p.name());
            sb.append("        $b.").append(f).append(" = ").append(f).append(";\n");
        }
        sb.append("        return $b;\n    }\n");
        sb.append("\n    /** A mutable copy of the fields; unset references are null, unset numbers zero. */\n");
        sb.append("    public static final class Builder {\n");
        for (TlParam p : fields) {
            sb.append("        private ").append(javaType(p.type(), p.conditional() && !p.isTrueFlag())).append(" ")
                    .append(fieldName(p.name())).append(";\n");
        }
        for (TlParam p : fields) {
            String f = fieldName(p.name());
            String jt = javaType(p.type(), p.conditional() && !p.isTrueFlag());
            sb.append("\n        public Builder ").append(f).append("(").append(jt).append(" ").append(f)
                    .append(") {\n            this.").append(f).append(" = ").append(f)
                    .append(";\n            return this;\n        }\n");
        }
        List<String> args = new ArrayList<>();
        for (TlParam p : fields) {
            args.add(fieldName(p.name()));
        }
        sb.append("\n        public ").append(cls).append(" build() {\n            return new ").append(cls).append("(")
                .append(String.join(", ", args)).append(");\n        }\n    }\n");
    }

    private String presence(TlParam p) {
        String f = fieldName(p.name());
        return p.isTrueFlag() ? f : f + " != null";
    }

    private void writeValue(StringBuilder sb, String expr, TlTypeRef t, String ind, int depth) {
        switch (t.kind()) {
            case BUILTIN -> {
                String call = switch (t.name()) {
                    case "int" -> "$w.writeInt(" + expr + ");";
                    case "long" -> "$w.writeLong(" + expr + ");";
                    case "double" -> "$w.writeDouble(" + expr + ");";
                    case "string" -> binaryStrings ? "$w.writeBytes(" + expr + ");" : "$w.writeString(" + expr + ");";
                    case "bytes" -> "$w.writeBytes(" + expr + ");";
                    case "int128", "int256" -> "$w.writeRaw(" + expr + ");";
                    case "Bool" -> "$w.writeBool(" + expr + ");";
                    default -> throw new IllegalStateException("cannot write " + t);
                };
                sb.append(ind).append(call).append('\n');
            }
            case BOXED, QUERY -> sb.append(ind).append(expr).append(".serialize($w);\n");
            case BARE -> sb.append(ind).append(expr).append(".serializeBare($w);\n");
            case VECTOR, BARE_VECTOR -> {
                if (t.kind() == TlTypeRef.Kind.VECTOR) {
                    sb.append(ind).append("$w.writeInt(TlConstants.VECTOR);\n");
                }
                sb.append(ind).append("$w.writeInt(").append(expr).append(".size());\n");
                String e = "$e" + depth;
                sb.append(ind).append("for (").append(javaType(t.element(), true)).append(" ").append(e).append(" : ")
                        .append(expr).append(") {\n");
                writeValue(sb, e, t.element(), ind + "    ", depth + 1);
                sb.append(ind).append("}\n");
            }
            default -> throw new IllegalStateException("cannot write a field of type " + t);
        }
    }

    private static int fixedSize(TlTypeRef t) {
        if (t.kind() != TlTypeRef.Kind.BUILTIN) {
            return -1;
        }
        return switch (t.name()) {
            case "int", "Bool" -> 4;
            case "long", "double" -> 8;
            case "int128" -> 16;
            case "int256" -> 32;
            default -> -1;
        };
    }

    private void sizeValue(StringBuilder sb, String expr, TlTypeRef t, String ind, int depth) {
        int fixed = fixedSize(t);
        if (fixed > 0) {
            sb.append(ind).append("$size += ").append(fixed).append(";\n");
            return;
        }
        switch (t.kind()) {
            case BUILTIN -> {
                if (t.name().equals("string") && !binaryStrings) {
                    sb.append(ind).append("$size += TlWriter.bytesSize(TlSupport.utf8Length(").append(expr).append("));\n");
                } else {
                    sb.append(ind).append("$size += TlWriter.bytesSize(").append(expr).append(".length);\n");
                }
            }
            case BOXED, QUERY -> sb.append(ind).append("$size += ").append(expr).append(".serializedSize();\n");
            case BARE -> sb.append(ind).append("$size += ").append(expr).append(".serializedBareSize();\n");
            case VECTOR, BARE_VECTOR -> {
                sb.append(ind).append("$size += ").append(t.kind() == TlTypeRef.Kind.VECTOR ? 8 : 4).append(";\n");
                int elemFixed = fixedSize(t.element());
                if (elemFixed > 0) {
                    sb.append(ind).append("$size += ").append(elemFixed).append(" * ").append(expr).append(".size();\n");
                } else {
                    String e = "$e" + depth;
                    sb.append(ind).append("for (").append(javaType(t.element(), true)).append(" ").append(e)
                            .append(" : ").append(expr).append(") {\n");
                    sizeValue(sb, e, t.element(), ind + "    ", depth + 1);
                    sb.append(ind).append("}\n");
                }
            }
            default -> throw new IllegalStateException("cannot size a field of type " + t);
        }
    }

    private static int minSize(TlTypeRef t) {
        int fixed = fixedSize(t);
        if (fixed > 0) {
            return fixed;
        }
        return switch (t.kind()) {
            case BUILTIN, BOXED, QUERY, VECTOR, BARE_VECTOR -> 4;
            default -> 0;
        };
    }

    /** Emits statements declaring {@code var} with the value read from {@code r}. */
    private void readValue(StringBuilder sb, String var, TlTypeRef t, String ind, int depth) {
        String jt = javaType(t, true);
        switch (t.kind()) {
            case BUILTIN -> {
                String call = switch (t.name()) {
                    case "int" -> "$r.readInt()";
                    case "long" -> "$r.readLong()";
                    case "double" -> "$r.readDouble()";
                    case "string" -> binaryStrings ? "$r.readBytes()" : "$r.readString()";
                    case "bytes" -> "$r.readBytes()";
                    case "int128" -> "$r.readRaw(16)";
                    case "int256" -> "$r.readRaw(32)";
                    case "Bool" -> "$r.readBool()";
                    default -> throw new IllegalStateException("cannot read " + t);
                };
                sb.append(ind).append(javaType(t, false)).append(" ").append(var).append(" = ").append(call).append(";\n");
            }
            case BOXED -> sb.append(ind).append(jt).append(" ").append(var).append(" = ").append(registry)
                    .append(".readBoxed($r, ").append(jt).append(".class);\n");
            case QUERY -> sb.append(ind).append(jt).append(" ").append(var).append(" = (").append(jt).append(") ")
                    .append(registry).append(".readFunction($r);\n");
            case BARE -> sb.append(ind).append(jt).append(" ").append(var).append(" = ").append(jt)
                    .append(".deserializeBare($r);\n");
            case VECTOR, BARE_VECTOR -> {
                String n = "$n_" + var.replace("$", "") + depth;
                String i = "$i_" + var.replace("$", "") + depth;
                sb.append(ind).append("int ").append(n).append(" = ")
                        .append(t.kind() == TlTypeRef.Kind.VECTOR ? "$r.readVectorHeader(" : "$r.readBareVectorCount(")
                        .append(MAX_VECTOR).append(", ").append(minSize(t.element())).append(");\n");
                sb.append(ind).append(jt).append(" ").append(var).append(" = new ArrayList<>(").append(n).append(");\n");
                sb.append(ind).append("for (int ").append(i).append(" = 0; ").append(i).append(" < ").append(n)
                        .append("; ").append(i).append("++) {\n");
                readValue(sb, "$x_" + var.replace("$", "") + depth, t.element(), ind + "    ", depth + 1);
                sb.append(ind).append("    ").append(var).append(".add($x_").append(var.replace("$", "")).append(depth).append(");\n");
                sb.append(ind).append("}\n");
            }
            default -> throw new IllegalStateException("cannot read a field of type " + t);
        }
    }

    // ---- registry --------------------------------------------------------------------------------------------

    private String registryClass() {
        StringBuilder sb = new StringBuilder(header());
        sb.append("package ").append(pkg).append(";\n\n");
        sb.append("import io.heliograph.tl.TlDecodeException;\n");
        sb.append("import io.heliograph.tl.TlFunction;\n");
        sb.append("import io.heliograph.tl.TlObject;\n");
        sb.append("import io.heliograph.tl.TlReader;\n");
        sb.append("import io.heliograph.tl.TlUnknownConstructorException;\n");
        sb.append("import java.util.List;\n\n");
        sb.append("/** Reads any boxed object of {@code ").append(source).append("} by its constructor id. */\n");
        sb.append("public final class ").append(registry).append(" {\n\n");
        if (layer != null) {
            sb.append("    public static final int LAYER = ").append(layer).append(";\n\n");
        }
        sb.append("    private ").append(registry).append("() {\n    }\n\n");
        sb.append("    /** Reads a constructor id and the object it introduces (constructors and functions). */\n");
        sb.append("    public static TlObject read(TlReader $r) {\n        return readBare($r.readInt(), $r);\n    }\n\n");
        sb.append("    public static TlObject readBare(int id, TlReader $r) {\n");
        sb.append("        $r.enter();\n        try {\n            return switch (id) {\n");
        Set<Integer> ids = new LinkedHashSet<>();
        for (TlCombinator c : allCombinators()) {
            if (ids.add(c.id())) {
                sb.append("                case 0x").append(c.idHex()).append(" -> ").append(classNames.get(c.name()))
                        .append(".deserializeBare($r);\n");
            }
        }
        sb.append("                default -> throw new TlUnknownConstructorException(id);\n            };\n");
        sb.append("        } finally {\n            $r.exit();\n        }\n    }\n\n");
        sb.append("    public static <T> T readBoxed(TlReader $r, Class<T> type) {\n");
        sb.append("        int at = $r.position();\n        TlObject o = read($r);\n");
        sb.append("        if (!type.isInstance(o)) {\n");
        sb.append("            throw new TlDecodeException(\"expected \" + type.getSimpleName() + \" at offset \" + at + \", found \" + o.tlName());\n");
        sb.append("        }\n        return type.cast(o);\n    }\n\n");
        sb.append("    public static TlFunction<?> readFunction(TlReader $r) {\n        return readBoxed($r, TlFunction.class);\n    }\n\n");
        sb.append("    /** The TL name of a constructor or function id, or null. */\n");
        sb.append("    public static String name(int id) {\n        return switch (id) {\n");
        ids.clear();
        for (TlCombinator c : allCombinators()) {
            if (ids.add(c.id())) {
                sb.append("            case 0x").append(c.idHex()).append(" -> \"").append(c.name()).append("\";\n");
            }
        }
        sb.append("            default -> null;\n        };\n    }\n\n");
        sb.append("    /** Every generated constructor and function class. */\n");
        sb.append("    public static List<Class<? extends TlObject>> classes() {\n        return List.of(\n");
        List<String> cls = new ArrayList<>();
        for (TlCombinator c : allCombinators()) {
            cls.add("                " + classNames.get(c.name()) + ".class");
        }
        sb.append(String.join(",\n", cls)).append(");\n    }\n}\n");
        return sb.toString();
    }
}
