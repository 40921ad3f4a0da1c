package io.heliograph.mtproto.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.heliograph.mtproto.crypto.AuthKey;
import io.heliograph.mtproto.crypto.MessageKeys;
import io.heliograph.mtproto.transport.TransportLimits;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.LoggerFactory;

/**
 * Bytes from a client into a whole server connection: transport detection and framing (abridged, intermediate,
 * padded intermediate, full, obfuscated2), then {@link io.heliograph.mtproto.session.MtprotoServerHandler}: the key
 * exchange for auth_key_id 0, decryption for the registered keys, containers, gzip, service messages and API calls
 * through the layer codecs. The checks are {@link ServerUnderTest}'s.
 *
 * <p>Input: byte 0 is the mode, byte 1 chooses how the stream is split into reads (0: one read; else chunks of
 * 1..{@code 1 + 4 * (byte1 & 31)} bytes in a pattern byte 1 seeds).
 *
 * <ul>
 *   <li>mode bit 0 clear ("raw"): the rest is the byte stream as is (frames limited to 1 KiB);
 *   <li>mode bit 0 set ("sealed"): the rest is one message that is encrypted for a registered key, as a client
 *       would, so that mutations reach what follows decryption. Byte 2: bits 0-1 the framing (abridged, intermediate,
 *       padded intermediate, full), bit 2 quick ACK, bit 3 the temporary key, bit 5 send the packet twice; bit 4
 *       clear: bytes 3..7 are the low word of msg_id (the clock's second is the high word), 7..11 seq_no, the rest
 *       the body (cut to whole ints), with the server's salt and a fixed session id; bit 4 set: bytes 3.. are the
 *       whole plaintext, header included, zero-padded to whole blocks.
 * </ul>
 */
class TransportSessionFuzzTest {

    private static final TransportLimits RAW_LIMITS = new TransportLimits(1024);
    private static Level previousLevel;

    @BeforeAll
    static void quietLogs() throws IOException {
        TlDictionary.writeIfRequested();
        // every refused input logs at DEBUG; the console would cost more than the fuzzing
        Logger logger = (Logger) LoggerFactory.getLogger("io.heliograph");
        previousLevel = logger.getLevel();
        logger.setLevel(Level.WARN);
    }

    @AfterAll
    static void restoreLogs() {
        ((Logger) LoggerFactory.getLogger("io.heliograph")).setLevel(previousLevel);
    }

    @FuzzTest(maxDuration = "20s")
    void connection(byte[] data) {
        run(data);
    }

    /** Runs one input and returns the connection after its checks passed (for tests of the seed corpus). */
    static ServerUnderTest run(byte[] data) {
        if (data.length < 2) {
            return null;
        }
        boolean sealed = (data[0] & 1) != 0;
        ServerUnderTest server = new ServerUnderTest(sealed ? TransportLimits.DEFAULT : RAW_LIMITS);
        byte[] stream = sealed ? sealedStream(Arrays.copyOfRange(data, 2, data.length)) : Arrays.copyOfRange(data, 2, data.length);
        if (stream != null) {
            server.receive(stream, data[1] & 0xff);
        }
        server.finish();
        return server;
    }

    private static byte[] sealedStream(byte[] in) {
        if (in.length < 1) {
            return null;
        }
        int options = in[0] & 0xff;
        int framing = options & 3;
        boolean quickAck = (options & 4) != 0 && framing != FuzzFixtures.FULL;
        AuthKey key = (options & 8) != 0 ? FuzzFixtures.TEMP_KEY : FuzzFixtures.PERM_KEY;
        byte[] plaintext;
        if ((options & 16) == 0) {
            if (in.length < 9) {
                return null;
            }
            long msgId = FuzzFixtures.NOW << 32 | (FuzzFixtures.intLE(in, 1) & 0xffffffffL);
            int seqNo = FuzzFixtures.intLE(in, 5);
            byte[] body = Arrays.copyOfRange(in, 9, 9 + (in.length - 9) / 4 * 4);
            plaintext = FuzzFixtures.plaintext(FuzzFixtures.SALT, FuzzFixtures.SESSION_ID, msgId, seqNo, body);
        } else {
            int len = in.length - 1;
            plaintext = Arrays.copyOfRange(in, 1, 1 + Math.max(48, (len + 15) / 16 * 16));
        }
        byte[] packet = FuzzFixtures.seal(key, MessageKeys.CLIENT_TO_SERVER, plaintext);
        byte[] frame = FuzzFixtures.frame(framing, packet, quickAck, 0);
        if ((options & 32) == 0) {
            return FuzzFixtures.concat(FuzzFixtures.init(framing), frame);
        }
        return FuzzFixtures.concat(FuzzFixtures.init(framing), frame, FuzzFixtures.frame(framing, packet, quickAck, 1));
    }
}
