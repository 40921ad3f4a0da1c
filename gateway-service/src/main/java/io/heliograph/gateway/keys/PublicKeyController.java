package io.heliograph.gateway.keys;

import io.heliograph.mtproto.crypto.RsaKeys;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the server's RSA public key (PKCS#1 PEM) and its fingerprint, so any client can be given them. */
@RestController
class PublicKeyController {

    private final ServerKeyStore keys;

    PublicKeyController(ServerKeyStore keys) {
        this.keys = keys;
    }

    @GetMapping(path = "/mtproto/public-key.pem", produces = "application/x-pem-file")
    ResponseEntity<String> pem() {
        return ResponseEntity.ok()
                .header("X-Heliograph-Key-Fingerprint", Long.toString(keys.fingerprint()))
                .body(keys.publicKeyPem());
    }

    @GetMapping(path = "/mtproto/public-key", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> json() {
        return Map.of(
                "fingerprint", Long.toString(keys.fingerprint()),
                "fingerprintHex", RsaKeys.fingerprintHex(keys.fingerprint()),
                "pem", keys.publicKeyPem());
    }
}
