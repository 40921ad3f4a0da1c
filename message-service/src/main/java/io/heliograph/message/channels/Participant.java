package io.heliograph.message.channels;

import io.heliograph.tl.TlReader;
import io.heliograph.tl.api.ApiRegistry;
import io.heliograph.tl.api.ChannelParticipant;
import io.heliograph.tl.api.ChannelParticipantAdmin;
import io.heliograph.tl.api.ChannelParticipantCreator;
import io.heliograph.tl.api.ChatAdminRights;
import io.heliograph.tl.api.TChannelParticipant;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A member of a channel: its role and, for admins, the rights as the flags word of {@code chatAdminRights} (stored as
 * that int, read and written through the TL codec so the bit layout is the schema's).
 */
public record Participant(long channelId, long userId, Role role, int adminRights, long inviterId, long promotedBy,
        int date) {

    /** A member's role. */
    public enum Role {
        CREATOR, ADMIN, MEMBER
    }

    /** Every right: the creator's. */
    public static final int ALL_RIGHTS = flags(new ChatAdminRights(true, true, true, true, true, true, true, true, false,
            true, true, true, true, true, true, true, true, true));

    public boolean isCreator() {
        return role == Role.CREATOR;
    }

    public boolean isAdmin() {
        return role != Role.MEMBER;
    }

    public ChatAdminRights rights() {
        return rights(role == Role.CREATOR ? ALL_RIGHTS : adminRights);
    }

    /** Whether the member may post in a broadcast channel. */
    public boolean canPost() {
        return isCreator() || (isAdmin() && rights().postMessages());
    }

    public boolean canDeleteOthers() {
        return isCreator() || (isAdmin() && rights().deleteMessages());
    }

    public boolean canInvite(boolean megagroup) {
        return megagroup || isCreator() || (isAdmin() && rights().inviteUsers());
    }

    public boolean canPromote() {
        return isCreator() || (isAdmin() && rights().addAdmins());
    }

    public TChannelParticipant tl() {
        return switch (role) {
            case CREATOR -> new ChannelParticipantCreator(userId, rights(), null);
            case ADMIN -> new ChannelParticipantAdmin(false, false, userId, inviterId == 0 ? null : inviterId,
                    promotedBy, date, rights(), null);
            case MEMBER -> new ChannelParticipant(userId, date, null, null);
        };
    }

    /** The flags word of {@code chatAdminRights} (the int after its constructor id). */
    public static int flags(ChatAdminRights rights) {
        return ByteBuffer.wrap(rights.toBytes()).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
    }

    public static ChatAdminRights rights(int flags) {
        byte[] bytes = new ChatAdminRights(false, false, false, false, false, false, false, false, false, false, false,
                false, false, false, false, false, false, false).toBytes();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4, flags);
        return (ChatAdminRights) ApiRegistry.read(new TlReader(bytes));
    }
}
