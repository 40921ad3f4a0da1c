package io.heliograph.platform.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AuthKeyIdTest {

    /**
     * The sample key of https://core.telegram.org/mtproto/samples-auth_key (as in mtproto-core's SampleAuthKey); the
     * expected id was computed by mtproto-core's {@code AuthKey.of(key).id()} at commit e10071d.
     */
    static final byte[] SAMPLE_KEY = HexFormat.of().parseHex(
            "ACA2547BAA3B4B3E6AD9129ADEE796042FC4ACAAABA40DCE7A1196640595829E2BA85C5E68E5D2B7B713B28720CCD0E65DA3B80CD8A9"
            + "282BDE895755B924F4CBBCED119DEE057D3066D7095C25771A53D9AD6EC3464EE0E7FE1A4D9851F17B6CC7D6E636E0BDEA7D66153C"
            + "F37005835A528E65673C1F5ADAA27465964BA89AA6FD045108B25B1DC9AB2D979864858C9EACBFA4A399CDBF2154D2CC6743C5CAA406"
            + "83343D80A36C7F1289DC5AC5EE585DEA1E1CD296444EA6CD8F6C3564B2D355B310A3C02608EEA5EC36D38E941BF811489AB7A24C069E"
            + "44FF54714CB4A45EEE2F310FDDC0A1B08BD3DFF8801E27C8508EFD7AD51EF3C13EF1D9A02EE4601741");
    static final long SAMPLE_ID = 0x4e78ef50338b5865L;

    @Test
    void idOfTheTelegramSampleKeyIsWhatMtprotoCoreComputes() {
        assertThat(SAMPLE_KEY).hasSize(256);
        assertThat(AuthKeyId.forKey(SAMPLE_KEY)).isEqualTo(AuthKeyId.of(SAMPLE_ID));
        assertThat(AuthKeyId.of(SAMPLE_ID)).hasToString("0x4e78ef50338b5865");
    }

    @Test
    void idIsSha1Bytes12To19LittleEndian() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 100; i++) {
            byte[] key = new byte[256];
            random.nextBytes(key);
            long expected = ByteBuffer.wrap(MessageDigest.getInstance("SHA-1").digest(key)).order(ByteOrder.LITTLE_ENDIAN)
                    .getLong(12);
            assertThat(AuthKeyId.forKey(key).value()).isEqualTo(expected);
        }
    }

    @Test
    void refusesKeysOfAnotherLength() {
        assertThatThrownBy(() -> AuthKeyId.forKey(new byte[255])).hasMessageContaining("256 bytes, got 255");
        assertThatThrownBy(() -> AuthKeyId.forKey(new byte[257])).hasMessageContaining("got 257");
    }
}
