package io.heliograph.gateway.help;

import io.heliograph.gateway.GatewayProperties;
import io.heliograph.tl.TlObject;
import io.heliograph.tl.TlFunction;
import io.heliograph.tl.api.Config;
import io.heliograph.tl.api.DcOption;
import io.heliograph.tl.api.HelpAppConfig;
import io.heliograph.tl.api.HelpAppConfigNotModified;
import io.heliograph.tl.api.HelpGetAppConfig;
import io.heliograph.tl.api.HelpGetConfig;
import io.heliograph.tl.api.HelpGetNearestDc;
import io.heliograph.tl.api.HelpGetTermsOfServiceUpdate;
import io.heliograph.tl.api.HelpTermsOfServiceUpdateEmpty;
import io.heliograph.tl.api.JsonBool;
import io.heliograph.tl.api.JsonNumber;
import io.heliograph.tl.api.JsonObject;
import io.heliograph.tl.api.JsonObjectValue;
import io.heliograph.tl.api.JsonString;
import io.heliograph.tl.api.NearestDc;
import io.heliograph.tl.api.TDcOption;
import io.heliograph.tl.api.TJSONObjectValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code help.*} methods the gateway answers itself from the platform's topology: {@code help.getConfig},
 * {@code help.getNearestDc}, {@code help.getAppConfig}, {@code help.getTermsOfServiceUpdate}. Results are built in the
 * newest layer; the session layer writes them in the client's.
 *
 * @see <a href="https://core.telegram.org/method/help.getConfig">help.getConfig</a>
 */
public final class HelpMethods {

    /** How long clients may cache the config (they fetch it again after {@code expires}). */
    static final int CONFIG_TTL_SECONDS = 3600;
    /** Temporary sessions a client may keep per DC (mtcute reads it for its PFS key pool). */
    static final int TMP_SESSIONS = 2;

    private final int thisDc;
    private final List<TDcOption> dcOptions;
    private final Clock clock;
    private final HelpAppConfig appConfig;

    public HelpMethods(int thisDc, GatewayProperties properties, Clock clock) {
        this.thisDc = thisDc;
        this.clock = clock;
        List<TDcOption> options = new ArrayList<>();
        for (GatewayProperties.DcAddress dc : properties.dcs()) {
            options.add(new DcOption(dc.ipv6(), false, false, false, false, false, dc.id(), dc.host(), dc.tcpPort(), null));
        }
        this.dcOptions = List.copyOf(options);
        List<TJSONObjectValue> values = List.of(
                new JsonObjectValue("heliograph_dc", new JsonNumber(thisDc)),
                new JsonObjectValue("test", new JsonBool(false)),
                new JsonObjectValue("emojies_send_dice", new io.heliograph.tl.api.JsonArray(List.of(new JsonString("🎲")))),
                new JsonObjectValue("message_animated_emoji_max", new JsonNumber(1)));
        JsonObject json = new JsonObject(values);
        this.appConfig = new HelpAppConfig(hashOf(json.toBytes()), json);
    }

    /** The answer when the gateway serves {@code fn} itself, else null. */
    public TlObject answer(TlFunction<?> fn) {
        if (fn instanceof HelpGetConfig) {
            return config();
        }
        if (fn instanceof HelpGetNearestDc) {
            // no geo database: the client's own DC is the nearest we can name
            return new NearestDc("", thisDc, thisDc);
        }
        if (fn instanceof HelpGetAppConfig get) {
            return get.hash() == appConfig.hash() ? new HelpAppConfigNotModified() : appConfig;
        }
        if (fn instanceof HelpGetTermsOfServiceUpdate) {
            return new HelpTermsOfServiceUpdateEmpty(now() + CONFIG_TTL_SECONDS);
        }
        return null;
    }

    public Config config() {
        int now = now();
        return new Config(false, false, false, false, false, now, now + CONFIG_TTL_SECONDS, false, thisDc, dcOptions,
                "", 200, 200_000, 100, 210_000, 5_000, 30_000, 300_000, 30_000, 1_500, 120_000, 2, 172_800, 172_800,
                2_147_483_647, 2_419_200, 200, 604_800, TMP_SESSIONS, 20_000, 90_000, 30_000, 10_000, "https://t.me/",
                "", "gif", "foursquare", "bing", "telegram", 1024, 4096, thisDc, "en", 1, 1, null, null);
    }

    public List<TDcOption> dcOptions() {
        return dcOptions;
    }

    private int now() {
        return (int) (clock.millis() / 1000);
    }

    private static int hashOf(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return ((d[0] & 0xff) << 24 | (d[1] & 0xff) << 16 | (d[2] & 0xff) << 8 | (d[3] & 0xff)) & 0x7fffffff;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
