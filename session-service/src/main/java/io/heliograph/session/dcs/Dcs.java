package io.heliograph.session.dcs;

import io.heliograph.events.DcId;
import io.heliograph.events.UserId;
import io.heliograph.platform.DcContext;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.session.directory.Directory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * This DC among the platform's DCs: the keyspace of any DC, the {@code *_MIGRATE_X} errors, and the check that a
 * logged-in user's calls reach the user's home DC.
 *
 * <p>Simplification of this version: a user's row lives in the home DC's keyspace and session-service reads another
 * DC's keyspace directly (standalone shares one Cassandra); a deployment with a cluster per DC would ask the home DC's
 * session-service instead.
 *
 * @see <a href="https://core.telegram.org/api/datacenter">Working with different Data Centers</a>
 */
@Component
public class Dcs {

    private final DcContext dc;
    private final HomeDcRules rules;
    private final Directory directory;

    public Dcs(DcContext dc, HomeDcRules rules, Directory directory) {
        this.dc = dc;
        this.rules = rules;
        this.directory = directory;
    }

    public int thisDc() {
        return dc.dc().value();
    }

    public HomeDcRules rules() {
        return rules;
    }

    /** The keyspace holding the users, login codes and authorizations of DC {@code id}. */
    public String keyspaceOf(int id) {
        return new DcContext(DcId.of(id), dc.namespace(), dc.instanceId(), dc.topics()).keyspace();
    }

    public static RpcException phoneMigrate(int dc) {
        return new RpcException(303, "PHONE_MIGRATE_" + dc);
    }

    public static RpcException networkMigrate(int dc) {
        return new RpcException(303, "NETWORK_MIGRATE_" + dc);
    }

    public static RpcException userMigrate(int dc) {
        return new RpcException(303, "USER_MIGRATE_" + dc);
    }

    /**
     * The caller's user when this DC is the user's home: {@code 401 AUTH_KEY_UNREGISTERED} before login or for a user
     * the directory does not know, {@code 303 USER_MIGRATE_X} when the user lives in DC X.
     */
    public Mono<UserId> requireHomeUser(RpcContext ctx) {
        return Mono.defer(() -> {
            UserId user = ctx.requireUser();
            return directory.homeDcOf(user.value())
                    .switchIfEmpty(Mono.error(() -> RpcException.unauthorized("AUTH_KEY_UNREGISTERED")))
                    .map(home -> {
                        if (home != thisDc()) {
                            throw userMigrate(home);
                        }
                        return user;
                    });
        });
    }
}
