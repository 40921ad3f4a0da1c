package io.heliograph.session.login;

import io.heliograph.session.dcs.Dcs;
import io.heliograph.session.directory.Directory;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Where a phone logs in: the home DC of its user ({@code global.phone_directory}), or for a number without a user the
 * DC the prefix rules choose. A login call on any other DC answers {@code 303 PHONE_MIGRATE_X}.
 */
@Component
class PhoneHomes {

    private final Directory directory;
    private final Dcs dcs;

    PhoneHomes(Directory directory, Dcs dcs) {
        this.directory = directory;
        this.dcs = dcs;
    }

    /**
     * The phone's user, if any, once this DC is known to be its home: else {@code PHONE_MIGRATE_X}, or for a new number
     * that the client's network homes elsewhere {@code NETWORK_MIGRATE_X}.
     */
    Mono<Optional<Directory.Entry>> requireHome(String phone, String clientIp) {
        return directory.findPhone(phone).map(entry -> {
            if (entry.isEmpty()) {
                var network = dcs.rules().networkDcOf(phone, clientIp);
                if (network.isPresent()) {
                    if (network.getAsInt() != dcs.thisDc()) {
                        throw Dcs.networkMigrate(network.getAsInt());
                    }
                    return entry;
                }
            }
            int home = entry.map(Directory.Entry::homeDc).orElseGet(() -> dcs.rules().homeDcOf(phone));
            if (home != dcs.thisDc()) {
                throw Dcs.phoneMigrate(home);
            }
            return entry;
        });
    }

    /** Every configured DC. */
    java.util.List<Integer> dcIds() {
        return dcs.rules().ids();
    }

    /**
     * The home DC of a phone, wherever it is asked (a new number's by the phone rules: the client's network is not
     * known here).
     */
    Mono<Integer> homeOf(String phone) {
        return directory.findPhone(phone).map(entry -> entry.map(Directory.Entry::homeDc)
                .orElseGet(() -> dcs.rules().homeDcOf(phone)));
    }
}
