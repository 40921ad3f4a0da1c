package io.heliograph.gateway.authkeys;

import io.heliograph.events.AuthorizationGranted;
import io.heliograph.events.AuthorizationReset;
import io.heliograph.events.EventCodec;
import io.heliograph.events.EventEnvelope;
import io.heliograph.gateway.session.GatewaySessions;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DC's {@code auth-events}, read by every gateway instance: a key that logged in (on whichever instance) is the
 * user's here at once; a key whose authorization was ended by another device (a reset) is cut off here at once: its
 * sessions are dropped and its connections closed, so the device must log in again. A device that logged itself out
 * keeps its connections and sessions, as Telegram does, and is simply no longer the user's.
 */
public final class AuthEventsListener implements Consumer<ConsumerRecord<String, byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(AuthEventsListener.class);

    private final RemoteAuthKeyStore keys;
    private final GatewaySessions sessions;
    private final EventCodec codec = new EventCodec();

    public AuthEventsListener(RemoteAuthKeyStore keys, GatewaySessions sessions) {
        this.keys = keys;
        this.sessions = sessions;
    }

    @Override
    public void accept(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = codec.decode(record.value());
        if (envelope.event() instanceof AuthorizationGranted granted) {
            keys.authorized(granted.authKeyId(), granted.userId());
        } else if (envelope.event() instanceof AuthorizationReset reset) {
            if (reset.loggedOutByItself()) {
                // the device logged itself out: it keeps its connection (its answer is on the way, and it may log in
                // again on it), it is just nobody's any more
                sessions.loggedOut(reset.authKeyId(), reset.userId());
                keys.authorized(reset.authKeyId(), 0);
                return;
            }
            int cut = sessions.cutOff(reset.authKeyId(), reset.userId());
            keys.authorized(reset.authKeyId(), 0);
            log.info("authorization of key {} (user {}) ended ({}): {} sessions cut off here", reset.authKeyId(),
                    reset.userId(), reset.reason(), cut);
        }
    }
}
