package io.heliograph.message.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.heliograph.message.box.Peer;
import io.heliograph.message.sync.Sync;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.tl.api.InputPeerEmpty;
import io.heliograph.tl.api.InputPeerUser;
import io.heliograph.tl.api.MessagesAffectedHistory;
import io.heliograph.tl.api.MessagesReadMentions;
import io.heliograph.tl.api.UpdatesState;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class ReadMentionsMethodTest {

    private static final long CALLER = 42;

    private final InputPeers peers = mock(InputPeers.class);
    private final Sync sync = mock(Sync.class);
    private final RpcContext ctx = mock(RpcContext.class);
    private final ReadMentionsMethod method = new ReadMentionsMethod(peers, sync);

    ReadMentionsMethodTest() {
        when(ctx.requireUser()).thenReturn(io.heliograph.events.UserId.of(CALLER));
        when(sync.state(CALLER)).thenReturn(Mono.just(new UpdatesState(17, 0, 1_700_000_000, 0, 3)));
    }

    @Test
    void aPrivateChatHasNoMentionsSoTheAnswerIsTheBoxPtsWithNothingAffected() {
        InputPeerUser bob = new InputPeerUser(7, 99);
        when(peers.resolve(CALLER, bob)).thenReturn(Mono.just(Peer.user(7)));

        MessagesAffectedHistory answer = (MessagesAffectedHistory) method.handle(new MessagesReadMentions(bob, null), ctx).block();

        assertThat(answer).isEqualTo(new MessagesAffectedHistory(17, 0, 0));
    }

    @Test
    void aPeerTheCallerCannotNameIsRefused() {
        when(peers.resolve(CALLER, new InputPeerEmpty())).thenReturn(Mono.error(RpcException.badRequest("PEER_ID_INVALID")));

        assertThatThrownBy(() -> method.handle(new MessagesReadMentions(new InputPeerEmpty(), null), ctx).block())
                .isInstanceOf(RpcException.class).hasMessageContaining("PEER_ID_INVALID");
    }
}
