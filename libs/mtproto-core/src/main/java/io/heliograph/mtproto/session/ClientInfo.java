package io.heliograph.mtproto.session;

/** What {@code initConnection} told the server about the client; empty strings until it arrives. */
public record ClientInfo(int apiId, String deviceModel, String systemVersion, String appVersion, String systemLangCode,
        String langPack, String langCode) {

    public static final ClientInfo UNKNOWN = new ClientInfo(0, "", "", "", "", "", "");
}
