package io.heliograph.mtproto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ConstantTimeTest {

    @Test
    void equalRangesAtDifferentOffsets() {
        byte[] a = {9, 1, 2, 3, 4};
        byte[] b = {1, 2, 3, 4, 7, 7};
        assertThat(ConstantTime.equals(a, 1, b, 0, 4)).isTrue();
        assertThat(ConstantTime.equals(a, 0, b, 0, 0)).isTrue();
    }

    @Test
    void anySingleDifferenceIsFound() {
        Random random = new Random(2);
        byte[] a = new byte[32];
        random.nextBytes(a);
        for (int i = 0; i < a.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] b = a.clone();
                b[i] ^= (byte) (1 << bit);
                assertThat(ConstantTime.equals(a, 0, b, 0, a.length)).as("byte %d bit %d", i, bit).isFalse();
            }
        }
    }

    @Test
    void rangesOutsideTheArraysThrow() {
        byte[] a = new byte[4];
        assertThatThrownBy(() -> ConstantTime.equals(a, 1, a, 0, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ConstantTime.equals(a, 0, a, -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
