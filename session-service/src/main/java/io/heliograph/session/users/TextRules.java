package io.heliograph.session.users;

/**
 * Validation of user-visible text (names, bio): trimmed, bounded in code points, and free of characters that break
 * or spoof a display (C0/C1 controls, line and paragraph separators, bidirectional overrides and isolates, lone
 * surrogates, noncharacters). Joiners and variation selectors stay allowed: emoji sequences need them.
 */
public final class TextRules {

    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_ABOUT_LENGTH = 70;

    private TextRules() {
    }

    /** The trimmed text if it is at most {@code max} code points of allowed characters, else null. */
    public static String clean(String text, int max) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > max) {
            return null;
        }
        for (int i = 0; i < trimmed.length(); ) {
            int cp = trimmed.codePointAt(i);
            if (!allowed(cp)) {
                return null;
            }
            i += Character.charCount(cp);
        }
        return trimmed;
    }

    static boolean allowed(int cp) {
        int type = Character.getType(cp);
        if (type == Character.CONTROL || type == Character.SURROGATE || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED) {
            return false;
        }
        if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
                || cp == 0x061C) {
            return false;
        }
        return !((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE);
    }
}
