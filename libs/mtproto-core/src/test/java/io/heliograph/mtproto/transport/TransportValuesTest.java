package io.heliograph.mtproto.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class TransportValuesTest {

    @Test
    void limitsAreValidated() {
        assertThat(TransportLimits.DEFAULT.maxFrameLength()).isEqualTo((1 << 20) + (64 << 10));
        assertThat(new TransportLimits(TransportLimits.MIN_MAX_FRAME_LENGTH).maxFrameLength()).isEqualTo(24);
        assertThatThrownBy(() -> new TransportLimits(23)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransportLimits((1 << 30) + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quickAckTokensHaveTheTopBitSet() {
        assertThat(new QuickAck(0x80000000).token()).isEqualTo(0x80000000);
        assertThatThrownBy(() -> new QuickAck(0x7fffffff)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transportErrorsAreNegative() {
        assertThat(TransportError.AUTH_KEY_NOT_FOUND.code()).isEqualTo(-404);
        assertThat(TransportError.FLOOD.code()).isEqualTo(-429);
        assertThat(TransportError.INVALID_DC.code()).isEqualTo(-444);
        assertThatThrownBy(() -> new TransportError(404)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransportError(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void obfuscationTagsMapToFramings() {
        assertThat(TransportKind.forObfuscationTag(0xefefefef)).contains(TransportKind.ABRIDGED);
        assertThat(TransportKind.forObfuscationTag(0xeeeeeeee)).contains(TransportKind.INTERMEDIATE);
        assertThat(TransportKind.forObfuscationTag(0xdddddddd)).contains(TransportKind.PADDED_INTERMEDIATE);
        assertThat(TransportKind.forObfuscationTag(0)).isEmpty();
        assertThat(TransportKind.forObfuscationTag(0x12345678)).isEmpty();
    }

    @Test
    void detectedEventRejectsImpossibleCombinations() {
        assertThatThrownBy(() -> new TransportDetectedEvent(TransportKind.FULL, true, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransportDetectedEvent(TransportKind.ABRIDGED, false, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransportDetectedEvent(TransportKind.ABRIDGED, true, 40000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inboundFrameKeepsItsFlagThroughDerivedCopies() {
        InboundFrame frame = new InboundFrame(TransportTests.buf(new byte[] {1, 2, 3, 4}), true);
        InboundFrame copy = frame.copy();
        InboundFrame duplicate = frame.retainedDuplicate();
        assertThat(copy.quickAckRequested()).isTrue();
        assertThat(duplicate.quickAckRequested()).isTrue();
        assertThat(copy).isEqualTo(frame);
        assertThat(copy.release()).isTrue();
        assertThat(duplicate.release()).isFalse();
        assertThat(frame.release()).isTrue();
    }

    @Test
    void factoriesRejectHttp() {
        assertThatThrownBy(() -> Transports.newDecoder(TransportKind.HTTP, TransportLimits.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Transports.newEncoder(TransportKind.HTTP))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Transports.newEncoder(TransportKind.FULL)).isNotSameAs(Transports.newEncoder(TransportKind.FULL));
        assertThat(Transports.newEncoder(TransportKind.ABRIDGED)).isSameAs(AbridgedEncoder.INSTANCE);
    }
}
