package io.heliograph.platform.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.tl.TlConstants;
import io.heliograph.tl.TlReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlResultsTest {

    @Test
    void boolsAreBoxedAndVectorsCarryBareNumbersAndStrings() {
        assertThat(new TlReader(TlResults.encode(true)).readInt()).isEqualTo(TlConstants.BOOL_TRUE);
        assertThat(new TlReader(TlResults.encode(false)).readInt()).isEqualTo(TlConstants.BOOL_FALSE);

        TlReader r = new TlReader(TlResults.encode(List.of("ab", 3.5, List.of(false))));
        assertThat(r.readInt()).isEqualTo(TlConstants.VECTOR);
        assertThat(r.readInt()).isEqualTo(3);
        assertThat(r.readString()).isEqualTo("ab");
        assertThat(r.readDouble()).isEqualTo(3.5);
        assertThat(r.readInt()).isEqualTo(TlConstants.VECTOR);
        assertThat(r.readInt()).isEqualTo(1);
        assertThat(r.readBool()).isFalse();
        assertThat(r.hasRemaining()).isFalse();

        assertThat(TlResults.encode(List.of())).hasSize(8);
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> TlResults.encode("text")).hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> TlResults.encode(null)).hasMessageContaining("null");
    }
}
