package io.heliograph.message.channels;

import io.heliograph.tl.api.Channel;
import io.heliograph.tl.api.ChatPhotoEmpty;

/**
 * A channel's row: what it is, its access hash (one per channel: the same for every viewer, so a gateway can show
 * one {@code Channel} to all its members), and the counters its dialogs show.
 */
public record ChannelInfo(long id, long accessHash, String title, String about, boolean broadcast, boolean megagroup,
        long creatorId, int date, int participantsCount, int topMessage, int topDate) {

    /** The channel as a viewer with this membership sees it ({@code null}: not a member, or shown to many). */
    public Channel tl(Participant viewer) {
        Channel.Builder b = Channel.builder().id(id).accessHash(accessHash).title(title).photo(new ChatPhotoEmpty())
                .date(date).broadcast(broadcast).megagroup(megagroup).participantsCount(participantsCount);
        if (viewer == null) {
            return b.build();
        }
        b.creator(viewer.isCreator());
        if (viewer.isAdmin()) {
            b.adminRights(viewer.rights());
        }
        return b.build();
    }

    /** The channel as one who just left it sees it. */
    public Channel left() {
        return tl(null).toBuilder().left(true).build();
    }

    public ChannelInfo withCount(int count) {
        return new ChannelInfo(id, accessHash, title, about, broadcast, megagroup, creatorId, date, count, topMessage, topDate);
    }

    public ChannelInfo withTop(int message, int at) {
        return new ChannelInfo(id, accessHash, title, about, broadcast, megagroup, creatorId, date, participantsCount, message, at);
    }
}
