package io.heliograph.platform.rpc;

/**
 * What {@code invokeWithLayer} + {@code initConnection} told the server, remembered per auth key
 * ({@code /internal/auth-keys/{id}/connection}, JSON). Null strings read as empty; {@link #validate()} checks the
 * bounds both the registry and the RPC headers enforce.
 *
 * @see <a href="https://core.telegram.org/method/initConnection">initConnection</a>
 */
public record ConnectionRecord(int layer, int apiId, String deviceModel, String systemVersion, String appVersion,
        String systemLangCode, String langPack, String langCode) {

    public static final int MIN_LAYER = 1;
    public static final int MAX_LAYER = 1000;
    /** The longest string field, in characters. */
    public static final int MAX_STRING_LENGTH = 256;

    public ConnectionRecord {
        deviceModel = orEmpty(deviceModel);
        systemVersion = orEmpty(systemVersion);
        appVersion = orEmpty(appVersion);
        systemLangCode = orEmpty(systemLangCode);
        langPack = orEmpty(langPack);
        langCode = orEmpty(langCode);
    }

    /** Throws {@link IllegalArgumentException} naming the first field out of bounds. */
    public ConnectionRecord validate() {
        if (layer < MIN_LAYER || layer > MAX_LAYER) {
            throw new IllegalArgumentException("layer must be within " + MIN_LAYER + ".." + MAX_LAYER + ", got " + layer);
        }
        if (apiId < 0) {
            throw new IllegalArgumentException("apiId must not be negative, got " + apiId);
        }
        checkLength("deviceModel", deviceModel);
        checkLength("systemVersion", systemVersion);
        checkLength("appVersion", appVersion);
        checkLength("systemLangCode", systemLangCode);
        checkLength("langPack", langPack);
        checkLength("langCode", langCode);
        return this;
    }

    private static void checkLength(String field, String value) {
        if (value.length() > MAX_STRING_LENGTH) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_STRING_LENGTH + " characters, got "
                    + value.length());
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
