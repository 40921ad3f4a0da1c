package io.heliograph.tl.schema;

import java.util.Set;

/** How TL names become Java names, shared by the generator and by run-time code that maps fields by name. */
public final class TlNames {

    private static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
            "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile",
            "while", "true", "false", "null", "record", "var", "yield", "sealed", "permits");

    private TlNames() {
    }

    /** {@code p_q_inner_data} -> {@code PQInnerData}; {@code messages.sendMessage} -> {@code MessagesSendMessage}. */
    public static String camel(String s, boolean upper) {
        StringBuilder sb = new StringBuilder();
        boolean up = upper;
        for (char ch : s.toCharArray()) {
            if (ch == '_' || ch == '.') {
                up = true;
                continue;
            }
            sb.append(up ? Character.toUpperCase(ch) : ch);
            up = false;
        }
        return sb.toString();
    }

    /** The record name of a constructor or function. */
    public static String className(String tlName) {
        return camel(tlName, true);
    }

    /** The interface name of a boxed type: {@code T} + its camel name. */
    public static String typeName(String tlType) {
        return "T" + camel(tlType, true);
    }

    /** The record component of a parameter: lower camel, with {@code _} appended to Java keywords. */
    public static String fieldName(String tlName) {
        String n = camel(tlName, false);
        return JAVA_KEYWORDS.contains(n) ? n + "_" : n;
    }
}
