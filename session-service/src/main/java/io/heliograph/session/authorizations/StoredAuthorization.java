package io.heliograph.session.authorizations;

import java.time.Instant;

/** A row of {@code authorizations}: one device login of a user, keyed by the device's permanent auth key. */
public record StoredAuthorization(long userId, long authKeyId, long hash, int apiId, String appName,
        String appVersion, String deviceModel, String systemVersion, String langCode, String ip, Instant createdAt,
        Instant activeAt) {
}
