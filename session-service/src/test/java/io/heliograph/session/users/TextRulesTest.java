package io.heliograph.session.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextRulesTest {

    @Test
    void trimsAndCountsCodePoints() {
        assertThat(TextRules.clean("  Ada  ", 64)).isEqualTo("Ada");
        assertThat(TextRules.clean("", 64)).isEmpty();
        assertThat(TextRules.clean("😀".repeat(64), 64)).as("64 code points, 128 chars").isNotNull();
        assertThat(TextRules.clean("a".repeat(65), 64)).isNull();
        assertThat(TextRules.clean(null, 64)).isNull();
    }

    @Test
    void keepsEmojiSequencesAndScripts() {
        assertThat(TextRules.clean("👩\u200D💻 Zoë 李 مريم", 64)).isNotNull();
        assertThat(TextRules.clean("❤\uFE0F", 64)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\nb", "a\u0007", "a\u202Eb", "a\u2066b", "a\u2028b", "a\u0085b", "a\uD800b",
            "a\uFFFFb", "a\uFDD0b", "a\u200Fb"})
    void refusesControlAndSpoofingCharacters(String text) {
        assertThat(TextRules.clean(text, 64)).isNull();
    }
}
