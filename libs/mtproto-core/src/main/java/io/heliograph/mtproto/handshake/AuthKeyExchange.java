package io.heliograph.mtproto.handshake;

import io.heliograph.mtproto.crypto.AuthKey;
import io.heliograph.mtproto.crypto.ConstantTime;
import io.heliograph.mtproto.crypto.DhPrime;
import io.heliograph.mtproto.crypto.HandshakeKeys;
import io.heliograph.mtproto.crypto.Pq;
import io.heliograph.mtproto.crypto.RsaKeys;
import io.heliograph.mtproto.crypto.RsaLegacy;
import io.heliograph.mtproto.crypto.RsaPad;
import io.heliograph.tl.TlDecodeException;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlReader;
import io.heliograph.tl.mtproto.ClientDHInnerData;
import io.heliograph.tl.mtproto.DhGenOk;
import io.heliograph.tl.mtproto.DhGenRetry;
import io.heliograph.tl.mtproto.MtprotoRegistry;
import io.heliograph.tl.mtproto.PQInnerData;
import io.heliograph.tl.mtproto.PQInnerDataDc;
import io.heliograph.tl.mtproto.PQInnerDataTemp;
import io.heliograph.tl.mtproto.PQInnerDataTempDc;
import io.heliograph.tl.mtproto.ReqDHParams;
import io.heliograph.tl.mtproto.ReqPq;
import io.heliograph.tl.mtproto.ReqPqMulti;
import io.heliograph.tl.mtproto.ResPQ;
import io.heliograph.tl.mtproto.ServerDHInnerData;
import io.heliograph.tl.mtproto.ServerDHParamsOk;
import io.heliograph.tl.mtproto.SetClientDHParams;
import io.heliograph.tl.mtproto.TPQInnerData;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * The server side of creating an auth key on one connection: {@code req_pq_multi}/{@code req_pq} -> {@code resPQ},
 * {@code req_DH_params} -> {@code server_DH_params_ok}, {@code set_client_DH_params} -> {@code dh_gen_ok} (or retry /
 * fail). Every nonce, hash and range is checked; a request that fails a check gets no answer (the caller closes the
 * connection with -404), as Telegram's servers do. Repeating the previous request replays the previous answer.
 *
 * @see <a href="https://core.telegram.org/mtproto/auth_key">Creating an Authorization Key</a>
 */
public final class AuthKeyExchange {

    /** The outcome of one request: an answer to send, and the finished key once {@code dh_gen_ok} is sent. */
    public record Step(TlObject answer, Completed completed) {
    }

    /** A created key: permanent or temporary (PFS), the DC the client asked for, and the initial server salt. */
    public record Completed(AuthKey authKey, boolean temporary, int expiresInSeconds, int dc, long serverSalt) {
    }

    private enum State { START, PQ_SENT, DH_SENT, DONE }

    private final KeyPair serverKey;
    private final long fingerprint;
    private final SecureRandom random;
    private final Clock clock;
    private final LongPredicate authKeyIdTaken;

    private State state = State.START;
    private byte[] nonce;
    private byte[] serverNonce;
    private byte[] newNonce;
    private Pq pq;
    private BigInteger a;
    private HandshakeKeys tmpKeys;
    private boolean temporary;
    private int expiresIn;
    private int dc;
    private long retryId;
    private byte[] lastRequest;
    private TlObject lastAnswer;
    private String failure;

    /**
     * @param authKeyIdTaken tells whether an auth key id is already in use; a collision is answered with dh_gen_retry
     */
    public AuthKeyExchange(KeyPair serverKey, SecureRandom random, Clock clock, LongPredicate authKeyIdTaken) {
        this.serverKey = serverKey;
        this.fingerprint = RsaKeys.fingerprint((RSAPublicKey) serverKey.getPublic());
        this.random = random;
        this.clock = clock;
        this.authKeyIdTaken = authKeyIdTaken;
    }

    /**
     * Handles one unencrypted request body.
     *
     * @return the answer, or empty when the request is invalid (the connection should then be closed)
     */
    public Optional<Step> handle(byte[] body) {
        if (lastRequest != null && Arrays.equals(lastRequest, body) && lastAnswer != null) {
            return Optional.of(new Step(lastAnswer, null)); // a retransmitted request gets the same answer
        }
        TlObject request;
        try {
            TlReader r = new TlReader(body);
            request = MtprotoRegistry.read(r);
        } catch (TlDecodeException e) {
            return fail("undecodable request: " + e.getMessage());
        }
        Optional<Step> step;
        if (request instanceof ReqPqMulti req) {
            step = reqPq(req.nonce());
        } else if (request instanceof ReqPq req) {
            step = reqPq(req.nonce());
        } else if (request instanceof ReqDHParams req) {
            step = reqDhParams(req);
        } else if (request instanceof SetClientDHParams req) {
            step = setClientDhParams(req);
        } else {
            step = fail("unexpected " + request.tlName());
        }
        step.ifPresent(s -> {
            lastRequest = body.clone();
            lastAnswer = s.answer();
        });
        return step;
    }

    /** Why the last request was refused (for the server's debug log only; never sent to the client). */
    public String failure() {
        return failure;
    }

    private <T> Optional<T> fail(String why) {
        failure = why;
        return Optional.empty();
    }

    private Optional<Step> reqPq(byte[] clientNonce) {
        if (state != State.START && state != State.DONE) {
            return fail("req_pq in state " + state);
        }
        nonce = clientNonce.clone();
        serverNonce = new byte[16];
        random.nextBytes(serverNonce);
        pq = Pq.generate(random);
        state = State.PQ_SENT;
        return Optional.of(new Step(new ResPQ(nonce, serverNonce, pq.pqBytes(), List.of(fingerprint)), null));
    }

    private Optional<Step> reqDhParams(ReqDHParams req) {
        if (state != State.PQ_SENT) {
            return fail("req_DH_params in state " + state);
        }
        if (!sameNonces(req.nonce(), req.serverNonce())) {
            return fail("req_DH_params nonce mismatch");
        }
        if (req.publicKeyFingerprint() != fingerprint) {
            return fail("unknown key fingerprint " + req.publicKeyFingerprint());
        }
        if (!pq.matches(req.p(), req.q())) {
            return fail("wrong p and q");
        }
        Optional<TPQInnerData> inner = decryptInnerData(req.encryptedData());
        if (inner.isEmpty()) {
            return failure == null ? fail("encrypted_data does not decrypt") : Optional.empty();
        }
        TPQInnerData data = inner.get();
        byte[] innerNonce;
        byte[] innerServerNonce;
        byte[] innerPq;
        byte[] innerP;
        byte[] innerQ;
        if (data instanceof PQInnerData d) {
            innerNonce = d.nonce(); innerServerNonce = d.serverNonce(); innerPq = d.pq(); innerP = d.p(); innerQ = d.q();
            newNonce = d.newNonce(); temporary = false; dc = 0;
        } else if (data instanceof PQInnerDataDc d) {
            innerNonce = d.nonce(); innerServerNonce = d.serverNonce(); innerPq = d.pq(); innerP = d.p(); innerQ = d.q();
            newNonce = d.newNonce(); temporary = false; dc = d.dc();
        } else if (data instanceof PQInnerDataTemp d) {
            innerNonce = d.nonce(); innerServerNonce = d.serverNonce(); innerPq = d.pq(); innerP = d.p(); innerQ = d.q();
            newNonce = d.newNonce(); temporary = true; expiresIn = d.expiresIn(); dc = 0;
        } else if (data instanceof PQInnerDataTempDc d) {
            innerNonce = d.nonce(); innerServerNonce = d.serverNonce(); innerPq = d.pq(); innerP = d.p(); innerQ = d.q();
            newNonce = d.newNonce(); temporary = true; expiresIn = d.expiresIn(); dc = d.dc();
        } else {
            return fail("unexpected inner data " + data.tlName());
        }
        if (!sameNonces(innerNonce, innerServerNonce) || !Arrays.equals(innerPq, pq.pqBytes()) || !pq.matches(innerP, innerQ)
                || (temporary && expiresIn <= 0)) {
            return fail("inner data does not match the request");
        }
        tmpKeys = HandshakeKeys.derive(serverNonce, newNonce);
        a = DhPrime.newServerSecret(random);
        BigInteger gA = DhPrime.gA(a);
        while (!DhPrime.checkPublicValue(gA)) {
            a = DhPrime.newServerSecret(random);
            gA = DhPrime.gA(a);
        }
        ServerDHInnerData answer = new ServerDHInnerData(nonce, serverNonce, DhPrime.G, DhPrime.primeBytes(),
                unsigned(gA), (int) (clock.millis() / 1000));
        byte[] encrypted = tmpKeys.encryptAnswer(answer.toBytes(), random);
        state = State.DH_SENT;
        return Optional.of(new Step(new ServerDHParamsOk(nonce, serverNonce, encrypted), null));
    }

    /** RSA_PAD first (current clients); the legacy SHA1+data encoding for older ones (one RSA operation either way). */
    private Optional<TPQInnerData> decryptInnerData(byte[] encryptedData) {
        failure = null;
        Optional<byte[]> raw = RsaPad.rsaDecrypt((RSAPrivateKey) serverKey.getPrivate(), encryptedData);
        if (raw.isEmpty()) {
            return fail("RSA decryption failed (" + encryptedData.length + " bytes)");
        }
        Optional<byte[]> padded = RsaPad.unpad(raw.get());
        if (padded.isPresent()) {
            try {
                return Optional.of(MtprotoRegistry.readBoxed(new TlReader(padded.get()), TPQInnerData.class));
            } catch (TlDecodeException e) {
                return Optional.empty();
            }
        }
        Optional<byte[]> legacy = RsaLegacy.unpad(raw.get());
        if (legacy.isEmpty()) {
            return fail("neither RSA_PAD nor the legacy encoding");
        }
        byte[] dataWithHash = legacy.get();
        try {
            TlReader r = new TlReader(dataWithHash, RsaLegacy.DATA_OFFSET, dataWithHash.length - RsaLegacy.DATA_OFFSET);
            TPQInnerData data = MtprotoRegistry.readBoxed(r, TPQInnerData.class);
            int consumed = r.position() - RsaLegacy.DATA_OFFSET;
            return RsaLegacy.verify(dataWithHash, consumed) ? Optional.of(data) : fail("legacy RSA hash mismatch");
        } catch (TlDecodeException e) {
            return fail("legacy RSA data undecodable: " + e.getMessage());
        }
    }

    private Optional<Step> setClientDhParams(SetClientDHParams req) {
        if (state != State.DH_SENT) {
            return fail("set_client_DH_params in state " + state);
        }
        if (!sameNonces(req.nonce(), req.serverNonce())) {
            return fail("set_client_DH_params nonce mismatch");
        }
        Optional<byte[]> decrypted = tmpKeys.decrypt(req.encryptedData());
        if (decrypted.isEmpty()) {
            return fail("set_client_DH_params data does not decrypt");
        }
        byte[] dataWithHash = decrypted.get();
        ClientDHInnerData inner;
        int consumed;
        try {
            TlReader r = new TlReader(dataWithHash, HandshakeKeys.DATA_OFFSET, dataWithHash.length - HandshakeKeys.DATA_OFFSET);
            inner = MtprotoRegistry.readBoxed(r, ClientDHInnerData.class);
            consumed = r.position() - HandshakeKeys.DATA_OFFSET;
        } catch (TlDecodeException e) {
            return fail("client_DH_inner_data undecodable: " + e.getMessage());
        }
        if (!HandshakeKeys.verifyHash(dataWithHash, consumed) || !sameNonces(inner.nonce(), inner.serverNonce())
                || inner.retryId() != retryId) {
            return fail("client_DH_inner_data hash, nonces or retry_id mismatch");
        }
        BigInteger gB = new BigInteger(1, inner.gB());
        if (!DhPrime.checkPublicValue(gB)) {
            return fail("g_b outside the safe range"); // refuse the key
        }
        AuthKey key = AuthKey.of(DhPrime.sharedKey(a, gB));
        if (authKeyIdTaken.test(key.id())) {
            retryId = key.auxHash();
            return Optional.of(new Step(new DhGenRetry(nonce, serverNonce, HandshakeKeys.newNonceHash(newNonce, key, 2)), null));
        }
        state = State.DONE;
        long salt = HandshakeKeys.serverSalt(newNonce, serverNonce);
        Completed done = new Completed(key, temporary, expiresIn, dc, salt);
        return Optional.of(new Step(new DhGenOk(nonce, serverNonce, HandshakeKeys.newNonceHash(newNonce, key, 1)), done));
    }

    private boolean sameNonces(byte[] n, byte[] sn) {
        return n != null && sn != null && n.length == 16 && sn.length == 16
                && ConstantTime.equals(n, 0, nonce, 0, 16) && ConstantTime.equals(sn, 0, serverNonce, 0, 16);
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b[0] == 0 && b.length > 1 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }
}
