package io.heliograph.session.contacts;

import java.util.Collection;

/**
 * The {@code hash} of {@code contacts.getContacts}, computed as TDLib computes it on its side so that an unchanged list
 * answers {@code contacts.contactsNotModified}: Telegram's vector hash (core.telegram.org/api/offsets, "Hash
 * generation") over {@code saved_count} followed by the contact user ids in ascending order. Names and the mutual flag
 * are not part of it (as in Telegram), so a change of only those is not noticed by a client sending the hash.
 */
public final class ContactsHash {

    private ContactsHash() {
    }

    public static long of(int savedCount, Collection<Long> contactIds) {
        long acc = 0;
        acc = step(acc, savedCount);
        for (long id : contactIds.stream().sorted().toList()) {
            acc = step(acc, id);
        }
        return acc;
    }

    static long step(long acc, long number) {
        acc ^= acc >>> 21;
        acc ^= acc << 35;
        acc ^= acc >>> 4;
        return acc + number;
    }
}
