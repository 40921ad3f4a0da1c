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

    /** The phone's user, if any, once this DC is known to be its home. */
    Mono<Optional<Directory.Entry>> requireHome(String phone) {
        return directory.findPhone(phone).map(entry -> {
            int home = entry.map(Directory.Entry::homeDc).orElseGet(() -> dcs.rules().homeDcOf(phone));
            if (home != dcs.thisDc()) {
                throw Dcs.phoneMigrate(home);
            }
            return entry;
        });
    }

    /** The home DC of a phone, wherever it is asked. */
    Mono<Integer> homeOf(String phone) {
        return directory.findPhone(phone).map(entry -> entry.map(Directory.Entry::homeDc)
                .orElseGet(() -> dcs.rules().homeDcOf(phone)));
    }
}
