package io.heliograph.mtproto.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads {@code vectors/mtproto-vectors.json} with a minimal JSON reader (objects, arrays, strings, numbers). */
final class Vectors {

    private static final Map<String, Object> ROOT = load();

    private final String text;
    private int pos;

    private Vectors(String text) {
        this.text = text;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> section(String name) {
        return (List<Map<String, Object>>) ROOT.get(name);
    }

    static byte[] hex(Map<String, Object> entry, String field) {
        return HexFormat.of().parseHex((String) entry.get(field));
    }

    static byte[] ascii(Map<String, Object> entry, String field) {
        return ((String) entry.get(field)).getBytes(StandardCharsets.US_ASCII);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/mtproto-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("vectors/mtproto-vectors.json not on the test classpath");
            }
            Vectors reader = new Vectors(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Object value = reader.value();
            reader.skipSpace();
            if (reader.pos != reader.text.length()) {
                throw reader.error("trailing content");
            }
            return (Map<String, Object>) value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object value() {
        skipSpace();
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            default:
                if (text.startsWith("true", pos) || text.startsWith("false", pos) || text.startsWith("null", pos)) {
                    String word = text.startsWith("null", pos) ? "null" : text.startsWith("true", pos) ? "true" : "false";
                    pos += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
                return number();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (text.charAt(pos) == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipSpace();
            String key = string();
            skipSpace();
            expect(':');
            map.put(key, value());
            skipSpace();
            if (text.charAt(pos) == ',') {
                pos++;
            } else {
                expect('}');
                return map;
            }
        }
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        pos++;
        skipSpace();
        if (text.charAt(pos) == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value());
            skipSpace();
            if (text.charAt(pos) == ',') {
                pos++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> sb.append(e);
            }
        }
    }

    private Number number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String n = text.substring(start, pos);
        if (n.isEmpty()) {
            throw error("unexpected character");
        }
        return n.matches("-?\\d+") ? (Number) Long.valueOf(n) : Double.valueOf(n);
    }

    private void expect(char c) {
        if (text.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalStateException error(String what) {
        return new IllegalStateException(what + " at offset " + pos + " of mtproto-vectors.json");
    }
}
