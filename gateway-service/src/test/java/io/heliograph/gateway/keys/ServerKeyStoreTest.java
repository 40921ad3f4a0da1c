package io.heliograph.gateway.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.mtproto.crypto.RsaKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerKeyStoreTest {

    @Test
    void createsTheKeyOnceAndKeepsIt(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("keys/server-rsa.pem");
        ServerKeyStore first = ServerKeyStore.loadOrCreate(key, new SecureRandom());
        assertThat(first.publicKeyPath()).isEqualTo(dir.resolve("keys/server-rsa.pub.pem"));
        assertThat(Files.readString(first.publicKeyPath())).startsWith("-----BEGIN RSA PUBLIC KEY-----");
        assertThat(RsaKeys.isClientFriendly(first.publicKey())).isTrue();

        ServerKeyStore second = ServerKeyStore.loadOrCreate(key, new SecureRandom());
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(second.keyPair().getPrivate()).isEqualTo(first.keyPair().getPrivate());
    }

    @Test
    void aSuppliedKeyWhosePublicKeyCannotBeWrittenBesideItStillStarts(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("secret/server-rsa.pem");
        ServerKeyStore created = ServerKeyStore.loadOrCreate(key, new SecureRandom());
        // what a read-only mount does to the write (root ignores permission bits, so block the path itself)
        Files.delete(created.publicKeyPath());
        Files.createDirectory(created.publicKeyPath());
        Files.writeString(created.publicKeyPath().resolve("occupied"), "x");

        ServerKeyStore supplied = ServerKeyStore.loadOrCreate(key, new SecureRandom());
        assertThat(supplied.fingerprint()).isEqualTo(created.fingerprint());
        assertThat(supplied.publicKeyPath()).isNotEqualTo(created.publicKeyPath());
        assertThat(Files.readString(supplied.publicKeyPath())).isEqualTo(supplied.publicKeyPem());
    }

    @Test
    void aCorruptKeyFileStopsTheStartWithAClearError(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("server-rsa.pem");
        Files.writeString(key, "garbage");
        assertThatThrownBy(() -> ServerKeyStore.loadOrCreate(key, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PRIVATE KEY");
    }
}
