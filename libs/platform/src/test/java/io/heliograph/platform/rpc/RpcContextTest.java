package io.heliograph.platform.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.events.DcId;
import io.heliograph.events.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;

class RpcContextTest {

    static HttpHeaders minimal() {
        HttpHeaders h = new HttpHeaders();
        h.set(RpcHeaders.AUTH_KEY_ID, "-6318454789262045455");
        h.set(RpcHeaders.SESSION_ID, "77");
        h.set(RpcHeaders.MSG_ID, "7300000000000000004");
        h.set(RpcHeaders.LAYER, "158");
        h.set(RpcHeaders.DC, "2");
        return h;
    }

    @Test
    void readsEveryHeaderAndDecodesTheInitConnectionStrings() {
        HttpHeaders h = minimal();
        h.set(RpcHeaders.PERM_AUTH_KEY_ID, "123456789");
        h.set(RpcHeaders.USER_ID, "1000001");
        h.set(RpcHeaders.CLIENT_IP, "2001:db8::1");
        h.set(RpcHeaders.GATEWAY, "gw-3");
        h.set(RpcHeaders.API_ID, "2040");
        h.set(RpcHeaders.DEVICE_MODEL, "Pixel%207%20%E2%80%94%20%F0%9F%93%B1");
        h.set(RpcHeaders.SYSTEM_VERSION, "Android+14");
        h.set(RpcHeaders.APP_VERSION, "11.2.3");
        h.set(RpcHeaders.SYSTEM_LANG_CODE, "de-DE");
        h.set(RpcHeaders.LANG_PACK, "android");
        h.set(RpcHeaders.LANG_CODE, "de");

        RpcContext ctx = RpcContext.fromHeaders(h);

        assertThat(ctx.authKeyId()).isEqualTo(AuthKeyId.of(-6318454789262045455L));
        assertThat(ctx.permAuthKeyId()).isEqualTo(AuthKeyId.of(123456789));
        assertThat(ctx.sessionId()).isEqualTo(77);
        assertThat(ctx.msgId()).isEqualTo(7300000000000000004L);
        assertThat(ctx.layer()).isEqualTo(158);
        assertThat(ctx.user()).contains(UserId.of(1000001));
        assertThat(ctx.requireUser()).isEqualTo(UserId.of(1000001));
        assertThat(ctx.dc()).isEqualTo(DcId.of(2));
        assertThat(ctx.clientIp()).isEqualTo("2001:db8::1");
        assertThat(ctx.gateway()).isEqualTo("gw-3");
        assertThat(ctx.connection()).isEqualTo(new ConnectionRecord(158, 2040, "Pixel 7 \u2014 \uD83D\uDCF1", "Android+14",
                "11.2.3", "de-DE", "android", "de"));
        assertThat(ctx.reply().authorizedUser()).isEmpty();
    }

    @Test
    void optionalHeadersDefaultToZeroAndEmpty() {
        RpcContext ctx = RpcContext.fromHeaders(minimal());
        assertThat(ctx.permAuthKeyId()).isEqualTo(AuthKeyId.NONE);
        assertThat(ctx.loggedIn()).isFalse();
        assertThat(ctx.user()).isEmpty();
        assertThat(ctx.clientIp()).isEmpty();
        assertThat(ctx.connection()).isEqualTo(new ConnectionRecord(158, 0, "", "", "", "", "", ""));
        assertThatThrownBy(ctx::requireUser).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(401);
            assertThat(e.type()).isEqualTo("AUTH_KEY_UNREGISTERED");
        });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "X-Heliograph-Auth-Key-Id      | ''                    | X-Heliograph-Auth-Key-Id: required",
        "X-Heliograph-Auth-Key-Id      | 0x12                  | not a signed decimal 64-bit number: '0x12'",
        "X-Heliograph-Auth-Key-Id      | 18446744073709551615  | not a signed decimal 64-bit number",
        "X-Heliograph-Session-Id       | abc                   | X-Heliograph-Session-Id: not a signed decimal",
        "X-Heliograph-Msg-Id           | -5                    | X-Heliograph-Msg-Id: must be positive, got -5",
        "X-Heliograph-Layer            | 0                     | X-Heliograph-Layer: must be within 1..1000, got 0",
        "X-Heliograph-Layer            | 4294967454            | X-Heliograph-Layer: must be within 1..1000",
        "X-Heliograph-Dc               | 0                     | X-Heliograph-Dc: must be within 1..1000, got 0",
        "X-Heliograph-User-Id          | -1                    | X-Heliograph-User-Id: must not be negative",
        "X-Heliograph-Api-Id           | 2147483648            | X-Heliograph-Api-Id: must be within 0..2147483647",
        "X-Heliograph-Perm-Auth-Key-Id | 1.5                   | X-Heliograph-Perm-Auth-Key-Id: not a signed decimal",
        "X-Heliograph-Device-Model     | %E2%8                 | X-Heliograph-Device-Model: not percent-encoded UTF-8",
        "X-Heliograph-Lang-Code        | %zz                   | X-Heliograph-Lang-Code: not percent-encoded UTF-8",
    })
    void malformedHeadersAreNamed(String header, String value, String message) {
        HttpHeaders h = minimal();
        h.set(header, value);
        assertThatThrownBy(() -> RpcContext.fromHeaders(h))
                .isInstanceOfSatisfying(RpcHeaderException.class, e -> assertThat(e.header()).isEqualTo(header))
                .hasMessageContaining(message);
    }

    @Test
    void missingRequiredHeadersAndRepeatedHeadersAreRefused() {
        for (String required : new String[] {RpcHeaders.AUTH_KEY_ID, RpcHeaders.SESSION_ID, RpcHeaders.MSG_ID,
                RpcHeaders.LAYER, RpcHeaders.DC}) {
            HttpHeaders h = minimal();
            h.remove(required);
            assertThatThrownBy(() -> RpcContext.fromHeaders(h)).hasMessage(required + ": required");
        }
        HttpHeaders twice = minimal();
        twice.add(RpcHeaders.SESSION_ID, "78");
        assertThatThrownBy(() -> RpcContext.fromHeaders(twice)).hasMessageContaining("sent 2 times");
    }

    @Test
    void stringsLongerThanTheBoundAreRefusedAfterDecoding() {
        HttpHeaders ok = minimal();
        ok.set(RpcHeaders.APP_VERSION, "%C3%A9".repeat(ConnectionRecord.MAX_STRING_LENGTH));
        assertThat(RpcContext.fromHeaders(ok).connection().appVersion()).hasSize(ConnectionRecord.MAX_STRING_LENGTH);

        HttpHeaders tooLong = minimal();
        tooLong.set(RpcHeaders.APP_VERSION, "a".repeat(ConnectionRecord.MAX_STRING_LENGTH + 1));
        assertThatThrownBy(() -> RpcContext.fromHeaders(tooLong))
                .hasMessage(RpcHeaders.APP_VERSION + ": longer than 256 characters once decoded");

        HttpHeaders ip = minimal();
        ip.set(RpcHeaders.CLIENT_IP, "1".repeat(300));
        assertThatThrownBy(() -> RpcContext.fromHeaders(ip)).hasMessageContaining(RpcHeaders.CLIENT_IP);
    }

    @Test
    void handlersRecordTheAuthorizationOnTheReply() {
        RpcContext ctx = RpcContext.fromHeaders(minimal());
        ctx.authorize(UserId.of(42));
        assertThat(ctx.reply().authorizedUser()).hasValue(42);
        ctx.logOut();
        assertThat(ctx.reply().authorizedUser()).hasValue(0);
    }
}
