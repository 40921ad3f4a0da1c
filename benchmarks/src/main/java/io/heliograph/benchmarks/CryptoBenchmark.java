package io.heliograph.benchmarks;

import io.heliograph.mtproto.crypto.AesIge;
import io.heliograph.mtproto.crypto.AuthKey;
import io.heliograph.mtproto.crypto.MessageKeys;
import io.heliograph.mtproto.crypto.PacketCipher;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * MTProto crypto on one thread, each beside a raw JDK primitive measured in the same fork: AES-256-IGE over 4 KiB
 * against {@code AES/ECB/NoPadding} over 4 KiB, and the full {@link PacketCipher#decrypt} of a client packet whose
 * encrypted data is 256 bytes (key derivation, IGE, {@code msg_key} check, length checks) against one SHA-256 of 256
 * bytes. SHA-256 over 4 KiB is reported as a third reference. Run with {@code BenchmarkMain}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@Threads(1)
public class CryptoBenchmark {

    static final int BUFFER = 4096;
    /** Encrypted data of the decrypted packet: 32-byte header + 208-byte body + 16 bytes of padding. */
    static final int PACKET_DATA = 256;
    static final int SMALL = 256;

    private final byte[] aesKey = new byte[32];
    private final byte[] igeIv = new byte[32];
    private final byte[] in = new byte[BUFFER];
    private final byte[] out = new byte[BUFFER];
    private final byte[] hash = new byte[32];
    private Cipher ecb;
    private MessageDigest sha256;
    private AuthKey authKey;
    private byte[] packet;

    @Setup
    public void setUp() throws GeneralSecurityException {
        Random random = new Random(42);
        random.nextBytes(aesKey);
        random.nextBytes(igeIv);
        random.nextBytes(in);
        ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"));
        sha256 = MessageDigest.getInstance("SHA-256");

        byte[] key = new byte[AuthKey.LENGTH];
        random.nextBytes(key);
        authKey = AuthKey.of(key);
        int body = PACKET_DATA - PacketCipher.HEADER_LENGTH - 16;
        byte[] plaintext = new byte[PacketCipher.HEADER_LENGTH + body];
        random.nextBytes(plaintext);
        ByteBuffer.wrap(plaintext).order(ByteOrder.LITTLE_ENDIAN).putInt(28, body);
        packet = PacketCipher.encrypt(authKey, MessageKeys.CLIENT_TO_SERVER, plaintext, new SecureRandom());
        if (packet.length != PacketCipher.PREFIX_LENGTH + PACKET_DATA
                || !(decrypt256() instanceof PacketCipher.Decrypted)) {
            throw new IllegalStateException("the benchmark packet does not decrypt: " + decrypt256());
        }
    }

    @Benchmark
    @BytesPerOp(BUFFER)
    public byte[] aesEcb4KiBBaseline() throws GeneralSecurityException {
        ecb.doFinal(in, 0, BUFFER, out, 0);
        return out;
    }

    @Benchmark
    @BytesPerOp(BUFFER)
    public byte[] sha256_4KiBBaseline() throws DigestException {
        sha256.update(in, 0, BUFFER);
        sha256.digest(hash, 0, hash.length);
        return hash;
    }

    @Benchmark
    @BytesPerOp(SMALL)
    public byte[] sha256_256Baseline() throws DigestException {
        sha256.update(in, 0, SMALL);
        sha256.digest(hash, 0, hash.length);
        return hash;
    }

    @Benchmark
    @BytesPerOp(BUFFER)
    @ComparedTo("aesEcb4KiBBaseline")
    public byte[] aesIge4KiBEncrypt() {
        AesIge.encrypt(aesKey, igeIv, in, 0, BUFFER, out, 0);
        return out;
    }

    @Benchmark
    @BytesPerOp(BUFFER)
    @ComparedTo("aesEcb4KiBBaseline")
    public byte[] aesIge4KiBDecrypt() {
        AesIge.decrypt(aesKey, igeIv, in, 0, BUFFER, out, 0);
        return out;
    }

    /** One client packet, decrypted and verified: the per-message cost of the gateway's receive path. */
    @Benchmark
    @BytesPerOp(PACKET_DATA)
    @ComparedTo("sha256_256Baseline")
    public PacketCipher.Result decrypt256() {
        return PacketCipher.decrypt(authKey, MessageKeys.CLIENT_TO_SERVER, packet, 0, packet.length);
    }
}
