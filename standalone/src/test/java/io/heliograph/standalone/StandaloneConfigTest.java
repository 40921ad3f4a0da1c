package io.heliograph.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heliograph.standalone.StandaloneLauncher.ServiceSpec;
import org.junit.jupiter.api.Test;

class StandaloneConfigTest {

    @Test
    void withoutSeparateServicesOneJvmRunsEverything() {
        StandaloneConfig config = StandaloneConfig.parse(new String[] {"--dcs=2"});
        for (ServiceSpec spec : ServiceSpec.values()) {
            assertThat(config.runsHere(spec, 1)).isTrue();
            assertThat(config.runsHere(spec, 2)).isTrue();
        }
    }

    @Test
    void theMainJvmSkipsSeparateServicesOfEveryDc() {
        StandaloneConfig config = StandaloneConfig.parse(new String[] {"--dcs=2", "--separate=message-service, fanout-service"});
        assertThat(config.runsHere(ServiceSpec.MESSAGE, 1)).isFalse();
        assertThat(config.runsHere(ServiceSpec.FANOUT, 2)).isFalse();
        assertThat(config.runsHere(ServiceSpec.SESSION, 1)).isTrue();
        assertThat(config.runsHere(ServiceSpec.GATEWAY, 2)).isTrue();
    }

    @Test
    void aSeparateJvmRunsOneServiceOfOneDcOnTheSamePorts() {
        String[] common = {"--dcs=2", "--port-base=40000"};
        StandaloneConfig main = StandaloneConfig.parse(common);
        StandaloneConfig only = StandaloneConfig.parse(new String[] {"--dcs=2", "--port-base=40000", "--only=message-service", "--only-dc=2"});
        for (ServiceSpec spec : ServiceSpec.values()) {
            assertThat(only.runsHere(spec, 2)).isEqualTo(spec == ServiceSpec.MESSAGE);
            assertThat(only.runsHere(spec, 1)).isFalse();
        }
        assertThat(only.httpPort(2, ServiceSpec.MESSAGE)).isEqualTo(main.httpPort(2, ServiceSpec.MESSAGE)).isEqualTo(40202);
    }

    @Test
    void refusesUnknownServicesTheGatewayAndAMissingDc() {
        assertThatThrownBy(() -> StandaloneConfig.parse(new String[] {"--separate=message"}))
                .hasMessageContaining("no service named 'message'");
        assertThatThrownBy(() -> StandaloneConfig.parse(new String[] {"--separate=gateway-service"}))
                .hasMessageContaining("gateway");
        assertThatThrownBy(() -> StandaloneConfig.parse(new String[] {"--dcs=2", "--only=fanout-service", "--only-dc=3"}))
                .hasMessageContaining("--only-dc");
    }
}
