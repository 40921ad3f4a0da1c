package io.heliograph.session.contacts;

/** A row of {@code contacts}: the owner's entry for a contact user, with the names and phone the owner saved. */
public record StoredContact(long ownerId, long contactUserId, int contactHomeDc, String phone, String firstName,
        String lastName) {
}
