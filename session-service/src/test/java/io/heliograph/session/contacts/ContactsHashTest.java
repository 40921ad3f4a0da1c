package io.heliograph.session.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContactsHashTest {

    /** Telegram's vector hash, written out as in core.telegram.org/api/offsets (unsigned shifts). */
    static long reference(long... numbers) {
        long hash = 0;
        for (long n : numbers) {
            hash = hash ^ (hash >>> 21);
            hash = hash ^ (hash << 35);
            hash = hash ^ (hash >>> 4);
            hash = hash + n;
        }
        return hash;
    }

    @Test
    void savedCountThenSortedIds() {
        assertThat(ContactsHash.of(0, List.of(30L, 10L, 20L))).isEqualTo(reference(0, 10, 20, 30));
        assertThat(ContactsHash.of(0, List.of(10L, 20L, 30L))).isEqualTo(ContactsHash.of(0, List.of(30L, 20L, 10L)));
    }

    @Test
    void changesWithTheList() {
        long two = ContactsHash.of(0, List.of(1L << 33, (1L << 33) + 5));
        assertThat(ContactsHash.of(0, List.of(1L << 33))).isNotEqualTo(two);
        assertThat(ContactsHash.of(0, List.of())).isZero();
        assertThat(ContactsHash.of(1, List.of(1L << 33, (1L << 33) + 5))).isNotEqualTo(two);
    }
}
