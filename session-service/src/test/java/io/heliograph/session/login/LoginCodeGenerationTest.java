package io.heliograph.session.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.heliograph.events.DcId;
import io.heliograph.events.TopicNames;
import io.heliograph.platform.DcContext;
import io.heliograph.session.dcs.DcProperties;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.session.dcs.HomeDcRules;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoginCodeGenerationTest {

    final Dcs dcs = new Dcs(new DcContext(DcId.of(2), "", "0", new TopicNames("")),
            new HomeDcRules(new DcProperties(List.of(1, 2), Map.of(), true, Map.of(), Duration.ofMinutes(5))), null);
    final LoginCodes codes = new LoginCodes(null, dcs, new LoginProperties(Duration.ofMinutes(5), Duration.ofHours(1), 5, 5),
            Clock.systemUTC());

    @Test
    void testNumbersGetTheirDcRepeatedFiveTimes() {
        assertThat(codes.newCode("9996621234")).isEqualTo("22222");
        assertThat(codes.newCode("9996611234")).isEqualTo("11111");
    }

    @Test
    void otherNumbersGetFiveRandomDigits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String code = codes.newCode("447700900123");
            assertThat(code).matches("[0-9]{5}");
            seen.add(code);
        }
        assertThat(seen).hasSizeGreaterThan(150);
        assertThat(codes.newCode("9996651234")).as("DC5 is not configured: not a test number").matches("[0-9]{5}");
    }
}
