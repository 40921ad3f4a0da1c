package io.heliograph.mtproto.transport;

import static io.heliograph.mtproto.transport.TransportTests.abridged;
import static io.heliograph.mtproto.transport.TransportTests.bytes;
import static io.heliograph.mtproto.transport.TransportTests.concat;
import static io.heliograph.mtproto.transport.TransportTests.detecting;
import static io.heliograph.mtproto.transport.TransportTests.feed;
import static io.heliograph.mtproto.transport.TransportTests.full;
import static io.heliograph.mtproto.transport.TransportTests.intermediate;
import static io.heliograph.mtproto.transport.TransportTests.le32;
import static io.heliograph.mtproto.transport.TransportTests.padded;
import static io.heliograph.mtproto.transport.TransportTests.payload;
import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.mtproto.transport.TransportTests.Frame;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same connection bytes, cut anywhere, must give the same frames, detection included. */
@ExtendWith(LeakCheck.class)
class SplittingTest {

    private static final byte[] A = payload(4, 1);
    private static final byte[] B = payload(508, 2);
    private static final byte[] C = payload(24, 3);
    private static final byte[] PAD = payload(11, 4);
    private static final List<Frame> FRAMES = List.of(Frame.of(A, false), Frame.of(B, true), Frame.of(C, false));

    static Stream<Arguments> connections() {
        Random random = new Random(7);
        ObfuscatedClient obfAbridged = new ObfuscatedClient(0xefefefef, 2, random);
        ObfuscatedClient obfIntermediate = new ObfuscatedClient(0xeeeeeeee, -2, random);
        ObfuscatedClient obfPadded = new ObfuscatedClient(0xdddddddd, 5, random);
        List<Frame> paddedFrames = List.of(Frame.of(A, false), Frame.of(concat(B, PAD), true), Frame.of(C, false));
        return Stream.of(
                Arguments.of("abridged", concat(bytes(0xef), abridged(A, false), abridged(B, true), abridged(C, false)),
                        FRAMES),
                Arguments.of("intermediate", concat(le32(0xeeeeeeee), intermediate(A, false), intermediate(B, true),
                        intermediate(C, false)), FRAMES),
                Arguments.of("padded", concat(le32(0xdddddddd), padded(A, new byte[0], false), padded(B, PAD, true),
                        padded(C, new byte[0], false)), paddedFrames),
                Arguments.of("full", concat(full(0, A), full(1, B), full(2, C)),
                        List.of(Frame.of(A, false), Frame.of(B, false), Frame.of(C, false))),
                Arguments.of("obfuscated abridged", obfAbridged.wire(concat(abridged(A, false), abridged(B, true),
                        abridged(C, false))), FRAMES),
                Arguments.of("obfuscated intermediate", obfIntermediate.wire(concat(intermediate(A, false),
                        intermediate(B, true), intermediate(C, false))), FRAMES),
                Arguments.of("obfuscated padded", obfPadded.wire(concat(padded(A, new byte[0], false),
                        padded(B, PAD, true), padded(C, new byte[0], false))), paddedFrames));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connections")
    void wholeInput(String name, byte[] input, List<Frame> expected) {
        assertThat(feed(detecting(), input)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connections")
    void everySingleCut(String name, byte[] input, List<Frame> expected) {
        for (int cut = 1; cut < input.length; cut++) {
            assertThat(feed(detecting(), input, cut)).as("cut at %d", cut).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connections")
    void oneByteAtATime(String name, byte[] input, List<Frame> expected) {
        assertThat(feed(detecting(), input, IntStream.range(1, input.length).toArray())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connections")
    void randomCuts(String name, byte[] input, List<Frame> expected) {
        Random random = new Random(name.hashCode());
        for (int round = 0; round < 100; round++) {
            TreeSet<Integer> cuts = new TreeSet<>();
            int count = 1 + random.nextInt(12);
            while (cuts.size() < count) {
                cuts.add(1 + random.nextInt(input.length - 1));
            }
            int[] points = cuts.stream().mapToInt(Integer::intValue).toArray();
            assertThat(feed(detecting(), input, points)).as("cuts %s", cuts).isEqualTo(expected);
        }
    }
}
