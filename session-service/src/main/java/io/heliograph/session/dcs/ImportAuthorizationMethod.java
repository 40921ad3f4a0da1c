package io.heliograph.session.dcs;

import io.heliograph.platform.DcContext;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.authorizations.Authorizations;
import io.heliograph.platform.cassandra.Cql;
import io.heliograph.session.users.UserStore;
import io.heliograph.session.users.UserViews;
import io.heliograph.tl.api.AuthAuthorization;
import io.heliograph.tl.api.AuthImportAuthorization;
import io.heliograph.tl.api.TAuthAuthorization;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code auth.importAuthorization(id, bytes)}: logs the caller's key in as the user who exported the token for this
 * DC. The token is consumed by a conditional delete ({@code IF bytes = ?}), so it works once even when two instances
 * race. {@code AUTH_BYTES_INVALID} for an unknown, expired, used or foreign token.
 *
 * @see <a href="https://core.telegram.org/method/auth.importAuthorization">auth.importAuthorization</a>
 */
@Component
class ImportAuthorizationMethod implements RpcMethod<AuthImportAuthorization, TAuthAuthorization> {

    private final Cql cql;
    private final Dcs dcs;
    private final UserStore users;
    private final Authorizations authorizations;
    private final Clock clock;
    private final String select;
    private final String consume;

    ImportAuthorizationMethod(Cql cql, Dcs dcs, UserStore users, Authorizations authorizations, DcContext dc,
            Clock clock) {
        this.cql = cql;
        this.dcs = dcs;
        this.users = users;
        this.authorizations = authorizations;
        this.clock = clock;
        this.select = "SELECT bytes, user_id, target_dc FROM " + dc.globalKeyspace()
                + ".exported_authorizations WHERE id = ?";
        this.consume = "DELETE FROM " + dc.globalKeyspace() + ".exported_authorizations WHERE id = ? IF bytes = ?";
    }

    @Override
    public Class<AuthImportAuthorization> function() {
        return AuthImportAuthorization.class;
    }

    @Override
    public Mono<TAuthAuthorization> handle(AuthImportAuthorization call, RpcContext ctx) {
        return Mono.defer(() -> {
            byte[] given = call.bytes();
            if (given == null || given.length != ExportAuthorizationMethod.TOKEN_BYTES) {
                return Mono.error(invalid());
            }
            return cql.one(select, call.id())
                    .filter(row -> row.getInt("target_dc") == dcs.thisDc()
                            && MessageDigest.isEqual(bytes(row.getByteBuffer("bytes")), given))
                    .map(row -> row.getLong("user_id"))
                    .filterWhen(user -> cql.applied(consume, call.id(), ByteBuffer.wrap(given)))
                    .switchIfEmpty(Mono.error(ImportAuthorizationMethod::invalid))
                    .flatMap(userId -> users.find(userId)
                            .switchIfEmpty(Mono.error(ImportAuthorizationMethod::invalid))
                            .flatMap(user -> authorizations.grant(userId, ctx, List.of())
                                    .thenReturn((TAuthAuthorization) new AuthAuthorization(false, null, null, null,
                                            UserViews.of(user, userId, clock.instant())))));
        });
    }

    private static RpcException invalid() {
        return RpcException.badRequest("AUTH_BYTES_INVALID");
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return new byte[0];
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
