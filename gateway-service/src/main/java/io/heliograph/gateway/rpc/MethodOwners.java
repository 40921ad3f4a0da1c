package io.heliograph.gateway.rpc;

import java.util.Map;
import java.util.Set;

/**
 * Which service owns each API method, by TL namespace, and which methods a key may call before it is authorized
 * (everything else answers {@code 401 AUTH_KEY_UNREGISTERED} until login). See docs/architecture.md, "RPC routing".
 */
public final class MethodOwners {

    public static final String SESSION = "session";
    public static final String MESSAGE = "message";
    public static final String MEDIA = "media";
    public static final String BOT_API = "bot-api";
    public static final String SECRET_CHAT = "secret-chat";

    private static final Map<String, String> BY_NAMESPACE = Map.ofEntries(
            Map.entry("auth", SESSION), Map.entry("account", SESSION), Map.entry("users", SESSION),
            Map.entry("contacts", SESSION), Map.entry("help", SESSION), Map.entry("langpack", SESSION),
            Map.entry("messages", MESSAGE), Map.entry("updates", MESSAGE), Map.entry("channels", MESSAGE),
            Map.entry("folders", MESSAGE), Map.entry("stories", MESSAGE),
            Map.entry("upload", MEDIA), Map.entry("photos", MEDIA),
            Map.entry("bots", BOT_API), Map.entry("payments", BOT_API));

    /** Secret-chat methods live in the messages namespace but belong to the relay. */
    private static final Set<String> SECRET = Set.of("messages.requestEncryption", "messages.acceptEncryption",
            "messages.discardEncryption", "messages.sendEncrypted", "messages.sendEncryptedFile",
            "messages.sendEncryptedService", "messages.readEncryptedHistory", "messages.setEncryptedTyping",
            "messages.receivedQueue", "messages.getDhConfig");

    private static final Set<String> WITHOUT_LOGIN = Set.of("auth.sendCode", "auth.resendCode", "auth.cancelCode",
            "auth.signIn", "auth.signUp", "auth.importAuthorization", "auth.importBotAuthorization",
            "auth.checkPassword", "auth.requestPasswordRecovery", "auth.recoverPassword", "auth.exportLoginToken",
            "auth.importLoginToken", "auth.importWebTokenAuthorization", "auth.requestFirebaseSms",
            "auth.checkRecoveryPassword", "auth.bindTempAuthKey", "account.getPassword",
            "account.deleteAccount", "account.sendVerifyEmailCode", "account.verifyEmail");

    private MethodOwners() {
    }

    /** The owning service's name, or null for a namespace no service serves. */
    public static String ownerOf(String method) {
        if (SECRET.contains(method)) {
            return SECRET_CHAT;
        }
        int dot = method.indexOf('.');
        return dot < 0 ? null : BY_NAMESPACE.get(method.substring(0, dot));
    }

    /** Whether a key that is not logged in may call the method ({@code help.*} and {@code langpack.*} always). */
    public static boolean allowedWithoutLogin(String method) {
        return method.startsWith("help.") || method.startsWith("langpack.") || WITHOUT_LOGIN.contains(method);
    }
}
