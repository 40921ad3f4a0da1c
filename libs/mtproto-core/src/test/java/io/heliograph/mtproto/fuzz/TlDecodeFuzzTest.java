package io.heliograph.mtproto.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;

/**
 * Raw bytes into every TL decoder the server runs on client input: the generated API registry (newest layer), the
 * MTProto service registry, and the layer codecs of layers 158, 198 and 227. Decoding may only fail with
 * {@link io.heliograph.tl.TlDecodeException}; what decodes must serialise and read back equal (see
 * {@link TlChecks}).
 */
class TlDecodeFuzzTest {

    @BeforeAll
    static void dictionary() throws IOException {
        TlDictionary.writeIfRequested();
    }

    @FuzzTest(maxDuration = "20s")
    void decode(byte[] data) {
        TlChecks.decodeEverywhere(data, 0, data.length);
    }
}
