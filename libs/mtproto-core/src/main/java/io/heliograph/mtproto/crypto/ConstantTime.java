package io.heliograph.mtproto.crypto;

import java.util.Objects;

/**
 * Comparisons whose running time depends only on the length compared, for MACs such as {@code msg_key}.
 *
 * @see <a href="https://core.telegram.org/mtproto/security_guidelines">Security guidelines</a>
 */
public final class ConstantTime {

    private ConstantTime() {
    }

    /** True when the two ranges hold the same bytes; inspects every byte, with no early exit. */
    public static boolean equals(byte[] a, int aOff, byte[] b, int bOff, int len) {
        Objects.checkFromIndexSize(aOff, len, a.length);
        Objects.checkFromIndexSize(bOff, len, b.length);
        int diff = 0;
        for (int i = 0; i < len; i++) {
            diff |= a[aOff + i] ^ b[bOff + i];
        }
        return diff == 0;
    }
}
