package io.heliograph.mtproto.client;

import io.heliograph.mtproto.client.MtprotoClientException.Reason;
import io.heliograph.mtproto.crypto.AuthKey;
import io.heliograph.mtproto.crypto.DhPrime;
import io.heliograph.mtproto.crypto.HandshakeKeys;
import io.heliograph.mtproto.crypto.RsaKeys;
import io.heliograph.tl.TlDecodeException;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.mtproto.ClientDHInnerData;
import io.heliograph.tl.mtproto.DhGenFail;
import io.heliograph.tl.mtproto.DhGenOk;
import io.heliograph.tl.mtproto.DhGenRetry;
import io.heliograph.tl.mtproto.MtprotoRegistry;
import io.heliograph.tl.mtproto.PQInnerDataDc;
import io.heliograph.tl.mtproto.PQInnerDataTempDc;
import io.heliograph.tl.mtproto.ReqDHParams;
import io.heliograph.tl.mtproto.ReqPqMulti;
import io.heliograph.tl.mtproto.ResPQ;
import io.heliograph.tl.mtproto.ServerDHInnerData;
import io.heliograph.tl.mtproto.ServerDHParamsOk;
import io.heliograph.tl.mtproto.SetClientDHParams;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;

/**
 * The client side of creating an auth key, one answer at a time: {@code req_pq_multi}, then {@code req_DH_params}
 * with {@code p_q_inner_data_dc} (or {@code _temp_dc}) under RSA_PAD, then {@code set_client_DH_params}, until
 * {@code dh_gen_ok}. Every nonce and hash the server sends back is checked; only Telegram's DH prime with g = 3 is
 * accepted (so the safe-prime test is a comparison).
 *
 * @see <a href="https://core.telegram.org/mtproto/auth_key">Creating an Authorization Key</a>
 */
final class AuthKeyNegotiation {

    /** What to do after an answer: send the next request, or use the finished key. */
    sealed interface Step permits Send, Done {
    }

    record Send(TlObject request) implements Step {
    }

    /** The key, the first server salt and the server's clock minus ours (ms), from server_DH_inner_data. */
    record Done(AuthKey authKey, long serverSalt, long timeOffsetMillis) implements Step {
    }

    private enum State { PQ_SENT, DH_SENT, CLIENT_DH_SENT, DONE }

    private static final int MAX_RETRIES = 5;

    private final RSAPublicKey rsaKey;
    private final long fingerprint;
    private final int dcId;
    private final int expiresIn;
    private final SecureRandom random;
    private final long nowMillis;

    private State state = State.PQ_SENT;
    private final byte[] nonce = new byte[16];
    private byte[] serverNonce;
    private final byte[] newNonce = new byte[32];
    private HandshakeKeys keys;
    private BigInteger gA;
    private long retryId;
    private int retries;
    private AuthKey candidate;
    private long timeOffsetMillis;

    /**
     * @param expiresIn seconds a temporary key lives; 0 for a permanent key
     * @param nowMillis the client's clock when the exchange starts, for the time offset
     */
    AuthKeyNegotiation(RSAPublicKey rsaKey, int dcId, int expiresIn, SecureRandom random, long nowMillis) {
        this.rsaKey = rsaKey;
        this.fingerprint = RsaKeys.fingerprint(rsaKey);
        this.dcId = dcId;
        this.expiresIn = expiresIn;
        this.random = random;
        this.nowMillis = nowMillis;
        random.nextBytes(nonce);
        random.nextBytes(newNonce);
    }

    ReqPqMulti start() {
        return new ReqPqMulti(nonce.clone());
    }

    /** Checks a {@code resPQ} against the nonce of {@link #start()}; for a probe that stops there. */
    ResPQ checkResPq(TlObject answer) {
        if (!(answer instanceof ResPQ res) || !MessageDigest.isEqual(res.nonce(), nonce)) {
            throw fail("expected resPQ with our nonce, got " + answer.tlName());
        }
        return res;
    }

    Step handle(TlObject answer) {
        return switch (state) {
            case PQ_SENT -> resPq(checkResPq(answer));
            case DH_SENT -> serverDhParams(answer);
            case CLIENT_DH_SENT -> dhGen(answer);
            case DONE -> throw fail("unexpected " + answer.tlName() + " after dh_gen_ok");
        };
    }

    private Step resPq(ResPQ res) {
        if (!res.serverPublicKeyFingerprints().contains(fingerprint)) {
            throw fail("the server does not offer our RSA key (fingerprint " + Long.toHexString(fingerprint) + ")");
        }
        if (res.pq().length == 0 || res.pq().length > 8) {
            throw fail("pq of " + res.pq().length + " bytes");
        }
        serverNonce = res.serverNonce();
        long[] pq = PqFactorizer.factor(new BigInteger(1, res.pq()).longValueExact());
        byte[] p = RsaPadEncryption.unsigned(BigInteger.valueOf(pq[0]));
        byte[] q = RsaPadEncryption.unsigned(BigInteger.valueOf(pq[1]));
        TlObject inner = expiresIn > 0
                ? new PQInnerDataTempDc(res.pq(), p, q, nonce, serverNonce, newNonce, dcId, expiresIn)
                : new PQInnerDataDc(res.pq(), p, q, nonce, serverNonce, newNonce, dcId);
        byte[] encrypted = RsaPadEncryption.encrypt(rsaKey, inner.toBytes(), random);
        state = State.DH_SENT;
        return new Send(new ReqDHParams(nonce, serverNonce, p, q, fingerprint, encrypted));
    }

    private Step serverDhParams(TlObject answer) {
        if (!(answer instanceof ServerDHParamsOk ok) || !sameNonces(ok.nonce(), ok.serverNonce())) {
            throw fail("expected server_DH_params_ok with our nonces, got " + answer.tlName());
        }
        keys = HandshakeKeys.derive(serverNonce, newNonce);
        byte[] decrypted = keys.decrypt(ok.encryptedAnswer())
                .orElseThrow(() -> fail("encrypted_answer is not whole AES blocks"));
        ServerDHInnerData inner;
        try {
            TlReader r = new TlReader(decrypted, HandshakeKeys.DATA_OFFSET, decrypted.length - HandshakeKeys.DATA_OFFSET);
            inner = MtprotoRegistry.readBoxed(r, ServerDHInnerData.class);
            if (!HandshakeKeys.verifyHash(decrypted, r.position() - HandshakeKeys.DATA_OFFSET)) {
                throw fail("server_DH_inner_data hash mismatch");
            }
        } catch (TlDecodeException e) {
            throw fail("server_DH_inner_data undecodable: " + e.getMessage());
        }
        if (!sameNonces(inner.nonce(), inner.serverNonce())) {
            throw fail("server_DH_inner_data nonce mismatch");
        }
        if (inner.g() != DhPrime.G || !new BigInteger(1, inner.dhPrime()).equals(DhPrime.P)) {
            throw fail("unexpected DH group (g=" + inner.g() + ")");
        }
        gA = new BigInteger(1, inner.gA());
        if (!DhPrime.checkPublicValue(gA)) {
            throw fail("g_a outside [2^1984, p - 2^1984]");
        }
        timeOffsetMillis = inner.serverTime() * 1000L - nowMillis;
        return clientDhParams();
    }

    private Step clientDhParams() {
        BigInteger b;
        BigInteger gB;
        do {
            b = new BigInteger(DhPrime.BITS, random);
            gB = DhPrime.gA(b);
        } while (!DhPrime.checkPublicValue(gB));
        candidate = AuthKey.of(DhPrime.sharedKey(b, gA));
        byte[] data = new ClientDHInnerData(nonce, serverNonce, retryId, RsaPadEncryption.unsigned(gB)).toBytes();
        state = State.CLIENT_DH_SENT;
        return new Send(new SetClientDHParams(nonce, serverNonce, keys.encryptAnswer(data, random)));
    }

    private Step dhGen(TlObject answer) {
        if (answer instanceof DhGenOk ok && sameNonces(ok.nonce(), ok.serverNonce())) {
            if (!MessageDigest.isEqual(ok.newNonceHash1(), HandshakeKeys.newNonceHash(newNonce, candidate, 1))) {
                throw fail("dh_gen_ok new_nonce_hash1 mismatch");
            }
            state = State.DONE;
            return new Done(candidate, HandshakeKeys.serverSalt(newNonce, serverNonce), timeOffsetMillis);
        }
        if (answer instanceof DhGenRetry retry && sameNonces(retry.nonce(), retry.serverNonce())) {
            if (!MessageDigest.isEqual(retry.newNonceHash2(), HandshakeKeys.newNonceHash(newNonce, candidate, 2))
                    || ++retries > MAX_RETRIES) {
                throw fail("dh_gen_retry hash mismatch or too many retries");
            }
            retryId = candidate.auxHash();
            return clientDhParams();
        }
        if (answer instanceof DhGenFail) {
            throw fail("the server answered dh_gen_fail");
        }
        throw fail("expected dh_gen_ok with our nonces, got " + answer.tlName());
    }

    private boolean sameNonces(byte[] n, byte[] sn) {
        return MessageDigest.isEqual(n, nonce) && MessageDigest.isEqual(sn, serverNonce);
    }

    private static MtprotoClientException fail(String why) {
        return new MtprotoClientException(Reason.HANDSHAKE_FAILED, why);
    }
}
