package io.heliograph.gateway.keys;

import io.heliograph.mtproto.crypto.RsaKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's RSA-2048 key pair: loaded from its PEM file, or created on first start and kept. Every gateway of the
 * platform uses the same key, so the file (or a Kubernetes secret mounted there) is shared.
 */
public final class ServerKeyStore {

    private static final Logger log = LoggerFactory.getLogger(ServerKeyStore.class);

    private final KeyPair keyPair;
    private final Path publicKeyPath;
    private final long fingerprint;

    private ServerKeyStore(KeyPair keyPair, Path publicKeyPath) {
        this.keyPair = keyPair;
        this.publicKeyPath = publicKeyPath;
        this.fingerprint = RsaKeys.fingerprint((RSAPublicKey) keyPair.getPublic());
    }

    /** Loads the key at {@code privateKeyPath}, or generates and writes it (atomically) when the file is absent. */
    public static synchronized ServerKeyStore loadOrCreate(Path privateKeyPath, SecureRandom random) {
        Path pubPath = publicPathFor(privateKeyPath);
        try {
            KeyPair pair;
            if (Files.exists(privateKeyPath)) {
                pair = RsaKeys.parsePkcs8Pem(Files.readString(privateKeyPath, StandardCharsets.US_ASCII));
            } else {
                pair = RsaKeys.generateServerKey(random);
                writeAtomically(privateKeyPath, RsaKeys.toPkcs8Pem((RSAPrivateCrtKey) pair.getPrivate()), true);
                log.info("created the server RSA key at {}", privateKeyPath);
            }
            String pubPem = RsaKeys.toPkcs1Pem((RSAPublicKey) pair.getPublic());
            pubPath = publish(pubPath, pubPem);
            ServerKeyStore store = new ServerKeyStore(pair, pubPath);
            log.info("server RSA key fingerprint {} (hex {}), public key {}", store.fingerprint(),
                    RsaKeys.fingerprintHex(store.fingerprint()), pubPath);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the server RSA key at " + privateKeyPath, e);
        }
    }

    /**
     * Writes the public key beside the private one, unless it is there already. A supplied key may sit on a read-only
     * mount (a Kubernetes secret): then the public key goes to the temporary directory instead, and is served at
     * {@code /mtproto/public-key.pem} either way.
     */
    private static Path publish(Path pubPath, String pubPem) throws IOException {
        try {
            if (!Files.isRegularFile(pubPath) || !Files.readString(pubPath, StandardCharsets.US_ASCII).equals(pubPem)) {
                writeAtomically(pubPath, pubPem, false);
            }
            return pubPath;
        } catch (IOException e) {
            Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "heliograph-" + pubPath.getFileName());
            log.warn("cannot write the public key at {} ({}): writing it at {} instead", pubPath, e.toString(), fallback);
            writeAtomically(fallback, pubPem, false);
            return fallback;
        }
    }

    public static Path publicPathFor(Path privateKeyPath) {
        String name = privateKeyPath.getFileName().toString();
        String base = name.endsWith(".pem") ? name.substring(0, name.length() - 4) : name;
        return privateKeyPath.resolveSibling(base + ".pub.pem");
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) keyPair.getPublic();
    }

    public long fingerprint() {
        return fingerprint;
    }

    public Path publicKeyPath() {
        return publicKeyPath;
    }

    public String publicKeyPem() {
        return RsaKeys.toPkcs1Pem(publicKey());
    }

    private static void writeAtomically(Path target, String content, boolean secret) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            if (secret) {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
            }
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
