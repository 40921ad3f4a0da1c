package io.heliograph.platform.rpc;

/**
 * What {@code invokeWithLayer} + {@code initConnection} told the server, remembered per auth key
 * ({@code /internal/auth-keys/{id}/connection}, JSON).
 */
public record ConnectionRecord(int layer, int apiId, String deviceModel, String systemVersion, String appVersion,
        String systemLangCode, String langPack, String langCode) {
}
