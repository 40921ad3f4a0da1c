package io.heliograph.mtproto.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.mtproto.crypto.AuthKey;
import io.heliograph.mtproto.crypto.DhPrime;
import io.heliograph.mtproto.crypto.HandshakeKeys;
import io.heliograph.mtproto.crypto.RsaKeys;
import io.heliograph.mtproto.crypto.RsaTestKeys;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.mtproto.ClientDHInnerData;
import io.heliograph.tl.mtproto.DhGenOk;
import io.heliograph.tl.mtproto.DhGenRetry;
import io.heliograph.tl.mtproto.MtprotoRegistry;
import io.heliograph.tl.mtproto.PQInnerData;
import io.heliograph.tl.mtproto.PQInnerDataDc;
import io.heliograph.tl.mtproto.PQInnerDataTempDc;
import io.heliograph.tl.mtproto.ReqDHParams;
import io.heliograph.tl.mtproto.ReqPq;
import io.heliograph.tl.mtproto.ReqPqMulti;
import io.heliograph.tl.mtproto.ResPQ;
import io.heliograph.tl.mtproto.ServerDHInnerData;
import io.heliograph.tl.mtproto.ServerDHParamsOk;
import io.heliograph.tl.mtproto.SetClientDHParams;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The server's key exchange against a client played step by step, including every refusal. */
class AuthKeyExchangeTest {

    private static final KeyPair RSA = RsaKeys.generateServerKey(new SecureRandom());
    private final SecureRandom random = new SecureRandom();
    private final Set<Long> taken = new HashSet<>();
    private final AuthKeyExchange server = new AuthKeyExchange(RSA, random, Clock.systemUTC(), taken::contains);

    private byte[] nonce = bytes(16);
    private byte[] newNonce = bytes(32);

    @Test
    void aPermanentKeyWithRsaPad() {
        ResPQ res = resPq();
        ServerDHInnerData dh = reqDh(res, inner -> RsaTestKeys.rsaPadEncrypt(pub(), inner, random),
                new PQInnerDataDc(res.pq(), pBytes(res), qBytes(res), nonce, res.serverNonce(), newNonce, 2));
        assertThat(dh.g()).isEqualTo(3);
        assertThat(new BigInteger(1, dh.dhPrime())).isEqualTo(DhPrime.P);
        AuthKeyExchange.Completed done = finish(res, dh).orElseThrow();
        assertThat(done.temporary()).isFalse();
        assertThat(done.dc()).isEqualTo(2);
        assertThat(done.serverSalt()).isEqualTo(HandshakeKeys.serverSalt(newNonce, res.serverNonce()));
    }

    @Test
    void aTemporaryKeyWithTheLegacyRsaEncodingAndTheOldReqPq() {
        Optional<AuthKeyExchange.Step> step = server.handle(new ReqPq(nonce).toBytes());
        ResPQ res = (ResPQ) step.orElseThrow().answer();
        ServerDHInnerData dh = reqDh(res, inner -> RsaTestKeys.legacyEncrypt(pub(), inner, random),
                new PQInnerDataTempDc(res.pq(), pBytes(res), qBytes(res), nonce, res.serverNonce(), newNonce, -2, 3600));
        AuthKeyExchange.Completed done = finish(res, dh).orElseThrow();
        assertThat(done.temporary()).isTrue();
        assertThat(done.expiresInSeconds()).isEqualTo(3600);
    }

    @Test
    void aRetransmittedRequestGetsTheSameAnswer() {
        byte[] req = new ReqPqMulti(nonce).toBytes();
        TlObject first = server.handle(req).orElseThrow().answer();
        assertThat(server.handle(req).orElseThrow().answer()).isEqualTo(first);
    }

    @Test
    void everyMismatchIsRefused() {
        ResPQ res = resPq();
        byte[] inner = new PQInnerData(res.pq(), pBytes(res), qBytes(res), nonce, res.serverNonce(), newNonce).toBytes();
        long fp = RsaKeys.fingerprint(pub());
        byte[] enc = RsaTestKeys.rsaPadEncrypt(pub(), inner, random);
        // wrong nonce, wrong fingerprint, wrong p/q, garbage ciphertext
        assertThat(server.handle(new ReqDHParams(bytes(16), res.serverNonce(), pBytes(res), qBytes(res), fp, enc).toBytes())).isEmpty();
        assertThat(server.handle(new ReqDHParams(nonce, res.serverNonce(), pBytes(res), qBytes(res), fp + 1, enc).toBytes())).isEmpty();
        assertThat(server.handle(new ReqDHParams(nonce, res.serverNonce(), qBytes(res), pBytes(res), fp, enc).toBytes())).isEmpty();
        assertThat(server.handle(new ReqDHParams(nonce, res.serverNonce(), pBytes(res), qBytes(res), fp, bytes(256)).toBytes())).isEmpty();
        // inner data naming another server nonce
        byte[] otherInner = new PQInnerData(res.pq(), pBytes(res), qBytes(res), nonce, bytes(16), newNonce).toBytes();
        assertThat(server.handle(new ReqDHParams(nonce, res.serverNonce(), pBytes(res), qBytes(res), fp,
                RsaTestKeys.rsaPadEncrypt(pub(), otherInner, random)).toBytes())).isEmpty();
        // set_client_DH_params before req_DH_params succeeded
        assertThat(server.handle(new SetClientDHParams(nonce, res.serverNonce(), bytes(336)).toBytes())).isEmpty();
        assertThat(server.failure()).contains("state");
    }

    @Test
    void aGbOutsideTheSafeRangeIsRefused() {
        ResPQ res = resPq();
        ServerDHInnerData dh = reqDh(res, inner -> RsaTestKeys.rsaPadEncrypt(pub(), inner, random),
                new PQInnerData(res.pq(), pBytes(res), qBytes(res), nonce, res.serverNonce(), newNonce));
        HandshakeKeys keys = HandshakeKeys.derive(res.serverNonce(), newNonce);
        byte[] client = new ClientDHInnerData(nonce, res.serverNonce(), 0, BigInteger.ONE.toByteArray()).toBytes();
        assertThat(server.handle(new SetClientDHParams(nonce, res.serverNonce(), keys.encryptAnswer(client, random)).toBytes())).isEmpty();
    }

    @Test
    void aKeyIdAlreadyInUseIsAnsweredWithRetry() {
        ResPQ res = resPq();
        ServerDHInnerData dh = reqDh(res, inner -> RsaTestKeys.rsaPadEncrypt(pub(), inner, random),
                new PQInnerData(res.pq(), pBytes(res), qBytes(res), nonce, res.serverNonce(), newNonce));
        BigInteger b = new BigInteger(2048, random).mod(DhPrime.P);
        AuthKey key = AuthKey.of(DhPrime.sharedKey(b, new BigInteger(1, dh.gA())));
        taken.add(key.id());
        HandshakeKeys keys = HandshakeKeys.derive(res.serverNonce(), newNonce);
        byte[] client = new ClientDHInnerData(nonce, res.serverNonce(), 0, unsigned(DhPrime.gA(b))).toBytes();
        TlObject answer = server.handle(new SetClientDHParams(nonce, res.serverNonce(), keys.encryptAnswer(client, random)).toBytes())
                .orElseThrow().answer();
        assertThat(answer).isInstanceOf(DhGenRetry.class);
        assertThat(((DhGenRetry) answer).newNonceHash2()).isEqualTo(HandshakeKeys.newNonceHash(newNonce, key, 2));
    }

    private ResPQ resPq() {
        ResPQ res = (ResPQ) server.handle(new ReqPqMulti(nonce).toBytes()).orElseThrow().answer();
        assertThat(res.nonce()).isEqualTo(nonce);
        assertThat(res.serverPublicKeyFingerprints()).containsExactly(RsaKeys.fingerprint(pub()));
        return res;
    }

    private interface Encrypt {
        byte[] apply(byte[] inner);
    }

    private ServerDHInnerData reqDh(ResPQ res, Encrypt encrypt, TlObject inner) {
        byte[] enc = encrypt.apply(inner.toBytes());
        ServerDHParamsOk ok = (ServerDHParamsOk) server.handle(new ReqDHParams(nonce, res.serverNonce(), pBytes(res),
                qBytes(res), RsaKeys.fingerprint(pub()), enc).toBytes()).orElseThrow(() -> new AssertionError(server.failure())).answer();
        HandshakeKeys keys = HandshakeKeys.derive(res.serverNonce(), newNonce);
        byte[] answer = keys.decrypt(ok.encryptedAnswer()).orElseThrow();
        TlReader r = new TlReader(answer, 20, answer.length - 20);
        ServerDHInnerData dh = (ServerDHInnerData) MtprotoRegistry.read(r);
        assertThat(HandshakeKeys.verifyHash(answer, r.position() - 20)).isTrue();
        assertThat(dh.nonce()).isEqualTo(nonce);
        assertThat(DhPrime.checkPublicValue(new BigInteger(1, dh.gA()))).isTrue();
        return dh;
    }

    private Optional<AuthKeyExchange.Completed> finish(ResPQ res, ServerDHInnerData dh) {
        BigInteger b = new BigInteger(2048, random).mod(DhPrime.P);
        byte[] gB = unsigned(DhPrime.gA(b));
        HandshakeKeys keys = HandshakeKeys.derive(res.serverNonce(), newNonce);
        byte[] client = new ClientDHInnerData(nonce, res.serverNonce(), 0, gB).toBytes();
        AuthKeyExchange.Step step = server.handle(new SetClientDHParams(nonce, res.serverNonce(),
                keys.encryptAnswer(client, random)).toBytes()).orElseThrow();
        AuthKey clientKey = AuthKey.of(DhPrime.sharedKey(b, new BigInteger(1, dh.gA())));
        DhGenOk ok = (DhGenOk) step.answer();
        assertThat(ok.newNonceHash1()).isEqualTo(HandshakeKeys.newNonceHash(newNonce, clientKey, 1));
        assertThat(step.completed().authKey().id()).isEqualTo(clientKey.id());
        return Optional.of(step.completed());
    }

    private static RSAPublicKey pub() {
        return (RSAPublicKey) RSA.getPublic();
    }

    /** Pollard's rho: the client's factoring of pq. */
    private static long[] factor(long pq) {
        BigInteger n = BigInteger.valueOf(pq);
        for (long c = 1; ; c++) {
            BigInteger x = BigInteger.TWO;
            BigInteger y = BigInteger.TWO;
            BigInteger d = BigInteger.ONE;
            BigInteger cc = BigInteger.valueOf(c);
            while (d.equals(BigInteger.ONE)) {
                x = x.multiply(x).add(cc).mod(n);
                y = y.multiply(y).add(cc).mod(n);
                y = y.multiply(y).add(cc).mod(n);
                d = x.subtract(y).abs().gcd(n);
            }
            if (!d.equals(n)) {
                long p = d.longValueExact();
                long q = pq / p;
                return new long[] {Math.min(p, q), Math.max(p, q)};
            }
        }
    }

    private static byte[] pBytes(ResPQ res) {
        return unsigned(BigInteger.valueOf(factor(new BigInteger(1, res.pq()).longValueExact())[0]));
    }

    private static byte[] qBytes(ResPQ res) {
        return unsigned(BigInteger.valueOf(factor(new BigInteger(1, res.pq()).longValueExact())[1]));
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b[0] == 0 && b.length > 1 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
