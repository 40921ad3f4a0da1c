package io.heliograph.session.dcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HomeDcRulesTest {

    static HomeDcRules rules(List<Integer> ids, Map<String, Integer> prefixes, boolean testNumbers) {
        return new HomeDcRules(new DcProperties(ids, prefixes, testNumbers, Map.of(), Duration.ofMinutes(5)));
    }

    @Test
    void defaultsFollowTelegramsGeographyOnFiveDcs() {
        HomeDcRules r = rules(List.of(1, 2, 3, 4, 5), Map.of(), true);
        assertThat(r.homeDcOf("15551234567")).isEqualTo(1);
        assertThat(r.homeDcOf("447700900123")).isEqualTo(2);
        assertThat(r.homeDcOf("79161234567")).isEqualTo(2);
        assertThat(r.homeDcOf("971501234567")).isEqualTo(4);
        assertThat(r.homeDcOf("6591234567")).isEqualTo(5);
    }

    @Test
    void defaultsNamingAnUnconfiguredDcFoldOntoTheConfiguredOnes() {
        HomeDcRules r = rules(List.of(1, 2), Map.of(), true);
        assertThat(r.homeDcOf("15551234567")).isEqualTo(1);
        assertThat(r.homeDcOf("447700900123")).isEqualTo(2);
        assertThat(r.homeDcOf("971501234567")).as("DC4 -> index 3 mod 2 = DC2").isEqualTo(2);
        assertThat(r.homeDcOf("6591234567")).as("DC5 -> index 4 mod 2 = DC1").isEqualTo(1);
    }

    @Test
    void theLongestConfiguredPrefixWins() {
        HomeDcRules r = rules(List.of(1, 2, 3), Map.of("4", 1, "44", 3, "447", 2), true);
        assertThat(r.homeDcOf("4930123456")).isEqualTo(1);
        assertThat(r.homeDcOf("4420123456")).isEqualTo(3);
        assertThat(r.homeDcOf("447700900123")).isEqualTo(2);
    }

    @Test
    void testNumbersLiveInTheirDcWhenItIsConfigured() {
        HomeDcRules r = rules(List.of(1, 2), Map.of(), true);
        assertThat(r.homeDcOf("9996621234")).isEqualTo(2);
        assertThat(r.homeDcOf("9996611234")).isEqualTo(1);
        assertThat(r.testNumberDc("9996621234")).hasValue(2);
        assertThat(r.testNumberDc("9996651234")).as("DC5 is not configured").isEmpty();
        assertThat(r.testNumberDc("99966212345")).as("11 digits").isEmpty();
        assertThat(rules(List.of(1, 2), Map.of(), false).testNumberDc("9996621234")).isEmpty();
    }

    @Test
    void configuredRulesMustNameConfiguredDcsAndDigits() {
        assertThatThrownBy(() -> rules(List.of(1, 2), Map.of("44", 3), true))
                .hasMessageContaining("names DC 3");
        assertThatThrownBy(() -> rules(List.of(1, 2), Map.of("4a", 1), true))
                .hasMessageContaining("not a digit prefix");
        assertThatThrownBy(() -> rules(List.of(0), Map.of(), true)).hasMessageContaining("not a DC id");
    }

    @Test
    void aClientNetworkHomesNewNumbersThatNoConfiguredRuleNames() {
        HomeDcRules r = new HomeDcRules(new DcProperties(List.of(1, 2), Map.of("49", 2),
                true, Map.of("10.0.0.0/8", 1, "10.1.0.0/16", 2, "2001:db8::/32", 1), Duration.ofMinutes(5)));
        assertThat(r.networkDcOf("447700900123", "10.9.9.9")).hasValue(1);
        assertThat(r.networkDcOf("447700900123", "10.1.2.3")).as("the longest block").hasValue(2);
        assertThat(r.networkDcOf("447700900123", "2001:db8::5")).hasValue(1);
        assertThat(r.networkDcOf("447700900123", "192.0.2.1")).isEmpty();
        assertThat(r.networkDcOf("4915112345678", "10.9.9.9")).as("a configured prefix decides").isEmpty();
        assertThat(r.networkDcOf("9996621234", "10.9.9.9")).as("test numbers keep their DC").isEmpty();
        assertThat(r.networkDcOf("447700900123", "example.org")).as("never a name lookup").isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HomeDcRules(new DcProperties(List.of(1, 2), Map.of(),
                true, Map.of("10.0.0.0/33", 1), Duration.ofMinutes(5)))).hasMessageContaining("not a CIDR block");
    }
}
