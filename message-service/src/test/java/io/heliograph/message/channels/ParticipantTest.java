package io.heliograph.message.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.message.box.Peer;
import io.heliograph.tl.api.ChannelParticipantAdmin;
import io.heliograph.tl.api.ChannelParticipantCreator;
import io.heliograph.tl.api.ChatAdminRights;
import io.heliograph.tl.api.PeerChannel;
import org.junit.jupiter.api.Test;

class ParticipantTest {

    private static ChatAdminRights postOnly() {
        return new ChatAdminRights(false, true, false, false, false, false, false, false, false, false, false, false,
                false, false, false, false, false, false);
    }

    @Test
    void adminRightsRoundTripThroughTheirFlagsWord() {
        int flags = Participant.flags(postOnly());
        assertThat(flags).isEqualTo(1 << 1); // post_messages:flags.1
        assertThat(Participant.rights(flags)).isEqualTo(postOnly());
        assertThat(Participant.rights(Participant.ALL_RIGHTS).addAdmins()).isTrue();
    }

    @Test
    void onlyTheCreatorAndAdminsWithTheRightPostInABroadcastChannel() {
        Participant creator = new Participant(1 << 20, 1, Participant.Role.CREATOR, Participant.ALL_RIGHTS, 0, 0, 0);
        Participant poster = new Participant(1 << 20, 2, Participant.Role.ADMIN, Participant.flags(postOnly()), 0, 1, 0);
        Participant member = new Participant(1 << 20, 3, Participant.Role.MEMBER, 0, 0, 0, 0);
        assertThat(creator.canPost()).isTrue();
        assertThat(poster.canPost()).isTrue();
        assertThat(poster.canDeleteOthers()).isFalse();
        assertThat(member.canPost()).isFalse();
        assertThat(member.canInvite(true)).isTrue();
        assertThat(member.canInvite(false)).isFalse();
        assertThat(creator.tl()).isInstanceOf(ChannelParticipantCreator.class);
        assertThat(((ChannelParticipantAdmin) poster.tl()).adminRights()).isEqualTo(postOnly());
    }

    @Test
    void channelPeersHaveTheirOwnKeyBesideBasicGroups() {
        Peer channel = Peer.channel(1 << 20);
        assertThat(Peer.parse(channel.key())).isEqualTo(channel);
        assertThat(Peer.parse("c42")).isEqualTo(new Peer(Peer.Kind.CHAT, 42));
        assertThat(channel.toTl()).isEqualTo(new PeerChannel(1 << 20));
    }
}
