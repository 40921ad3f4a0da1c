package io.heliograph.session.bots;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BotTokensTest {

    @Test
    void newSecretsHaveTelegramsShapeAndParse() {
        String secret = BotTokens.newSecret();
        assertThat(secret).hasSize(35).matches("[A-Za-z0-9_-]+");
        BotTokens.Token token = BotTokens.parse("4294967297:" + secret);
        assertThat(token).isEqualTo(new BotTokens.Token(4294967297L, secret));
        assertThat(BotTokens.matches(BotTokens.sha256(secret), secret)).isTrue();
        assertThat(BotTokens.matches(BotTokens.sha256(secret), secret + "x")).isFalse();
        assertThat(BotTokens.matches(null, secret)).isFalse();
    }

    @Test
    void malformedTokensDoNotParse() {
        String s = "A".repeat(35);
        assertThat(BotTokens.parse(null)).isNull();
        assertThat(BotTokens.parse("")).isNull();
        assertThat(BotTokens.parse("123:" + "A".repeat(10))).isNull();
        assertThat(BotTokens.parse("0123:" + s)).isNull();
        assertThat(BotTokens.parse("-5:" + s)).isNull();
        assertThat(BotTokens.parse("99999999999999999999:" + s)).as("does not fit a long").isNull();
        assertThat(BotTokens.parse("123:" + s + "!")).isNull();
        assertThat(BotTokens.parse("123" + s)).isNull();
    }
}
