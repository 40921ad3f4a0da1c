package io.heliograph.tl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.tl.api.Message;
import io.heliograph.tl.api.PeerUser;
import org.junit.jupiter.api.Test;

/** Generated builders: {@code build()} makes the same record as the constructor and runs its checks. */
class BuilderTest {

    @Test
    void builderAndToBuilderMakeTheRecordTheConstructorMakes() {
        Message m = Message.builder().out(true).id(7).peerId(new PeerUser(42)).date(1_700_000_000).message("hi")
                .editDate(1_700_000_100).build();
        assertThat(m.id()).isEqualTo(7);
        assertThat(m.out()).isTrue();
        assertThat(m.editDate()).isEqualTo(1_700_000_100);
        assertThat(m.entities()).isNull();
        Message back = (Message) io.heliograph.tl.api.ApiRegistry.read(new TlReader(m.toBytes()));
        assertThat(back).isEqualTo(m);
        Message edited = m.toBuilder().message("edited").build();
        assertThat(edited.message()).isEqualTo("edited");
        assertThat(edited.toBuilder().message("hi").build()).isEqualTo(m);
        assertThatThrownBy(() -> Message.builder().id(1).date(1).message("x").build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("peerId");
    }
}
