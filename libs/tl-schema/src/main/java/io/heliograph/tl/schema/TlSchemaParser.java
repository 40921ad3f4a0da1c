package io.heliograph.tl.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses TL schema text as Telegram and TDLib publish it. Builtin declarations ({@code int ? = Int}, {@code vector
 * {t:Type} # [ t ] = Vector t}, {@code int128 4*[ int ] = Int128}) and combinators without an explicit id are skipped;
 * a line that cannot be parsed fails with its line number.
 *
 * @see <a href="https://core.telegram.org/mtproto/TL">Type Language</a>
 */
public final class TlSchemaParser {

    private static final Set<String> BUILTINS = Set.of("int", "long", "double", "string", "bytes", "int128", "int256",
            "Bool", "true", "#");
    private static final Set<String> BUILTIN_COMBINATORS = Set.of("vector", "int", "long", "double", "string",
            "int128", "int256", "boolFalse", "boolTrue", "true");
    private static final Pattern COMBINATOR = Pattern.compile(
            "^([a-zA-Z][a-zA-Z0-9_.]*)#([0-9a-fA-F]{1,8})\\s*((?:\\{[^}]*\\}\\s*)*)(.*?)=\\s*([^;]+);$");
    private static final Pattern LAYER = Pattern.compile("//\\s*LAYER\\s+(\\d+)");

    private TlSchemaParser() {
    }

    public static TlSchema parse(String text) {
        List<TlCombinator> constructors = new ArrayList<>();
        List<TlCombinator> functions = new ArrayList<>();
        boolean inFunctions = false;
        Integer layer = null;
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            Matcher lm = LAYER.matcher(raw);
            if (lm.find()) {
                layer = Integer.parseInt(lm.group(1));
            }
            String line = raw.strip();
            int comment = line.indexOf("//");
            if (comment >= 0) {
                line = line.substring(0, comment).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("---functions---")) {
                inFunctions = true;
                continue;
            }
            if (line.equals("---types---")) {
                inFunctions = false;
                continue;
            }
            if (line.startsWith("===")) {
                continue;
            }
            Matcher m = COMBINATOR.matcher(line);
            if (!m.matches()) {
                continue; // builtins and combinators without an explicit id
            }
            String name = m.group(1);
            if (BUILTIN_COMBINATORS.contains(name)) {
                continue;
            }
            try {
                int id = (int) Long.parseLong(m.group(2), 16);
                List<String> typeParams = new ArrayList<>();
                Matcher tp = Pattern.compile("\\{([A-Za-z]+):Type\\}").matcher(m.group(3));
                while (tp.find()) {
                    typeParams.add(tp.group(1));
                }
                List<TlParam> params = new ArrayList<>();
                String body = m.group(4).strip();
                if (!body.isEmpty()) {
                    for (String p : body.split("\\s+")) {
                        params.add(param(p, typeParams));
                    }
                }
                TlTypeRef result = type(m.group(5).strip(), typeParams);
                TlCombinator c = new TlCombinator(name, id, params, result, inFunctions, typeParams, line);
                (inFunctions ? functions : constructors).add(c);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage() + ": " + line, e);
            }
        }
        return new TlSchema(constructors, functions, layer);
    }

    private static TlParam param(String p, List<String> typeParams) {
        int colon = p.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("parameter without a type '" + p + "'");
        }
        String name = p.substring(0, colon);
        String type = p.substring(colon + 1);
        String flagField = null;
        int bit = -1;
        int q = type.indexOf('?');
        if (q > 0) {
            String cond = type.substring(0, q);
            int dot = cond.indexOf('.');
            if (dot <= 0) {
                throw new IllegalArgumentException("bad condition '" + cond + "'");
            }
            flagField = cond.substring(0, dot);
            bit = Integer.parseInt(cond.substring(dot + 1));
            if (bit < 0 || bit > 31) {
                throw new IllegalArgumentException("flag bit out of range in '" + p + "'");
            }
            type = type.substring(q + 1);
        }
        return new TlParam(name, type(type, typeParams), flagField, bit);
    }

    static TlTypeRef type(String t, List<String> typeParams) {
        if (t.startsWith("!")) {
            return new TlTypeRef(TlTypeRef.Kind.QUERY, t.substring(1), null);
        }
        if (t.startsWith("%")) {
            return new TlTypeRef(TlTypeRef.Kind.BARE, t.substring(1), null);
        }
        if (t.startsWith("Vector<") && t.endsWith(">")) {
            return new TlTypeRef(TlTypeRef.Kind.VECTOR, "Vector", type(t.substring(7, t.length() - 1), typeParams));
        }
        if (t.startsWith("vector<") && t.endsWith(">")) {
            return new TlTypeRef(TlTypeRef.Kind.BARE_VECTOR, "vector", type(t.substring(7, t.length() - 1), typeParams));
        }
        if (t.contains("<") || t.contains(" ")) {
            throw new IllegalArgumentException("unsupported type '" + t + "'");
        }
        if (BUILTINS.contains(t)) {
            return new TlTypeRef(TlTypeRef.Kind.BUILTIN, t, null);
        }
        if (typeParams.contains(t)) {
            return new TlTypeRef(TlTypeRef.Kind.TYPE_PARAM, t, null);
        }
        String last = t.substring(t.lastIndexOf('.') + 1);
        if (!last.isEmpty() && Character.isLowerCase(last.charAt(0))) {
            return new TlTypeRef(TlTypeRef.Kind.BARE, t, null);
        }
        return new TlTypeRef(TlTypeRef.Kind.BOXED, t, null);
    }
}
