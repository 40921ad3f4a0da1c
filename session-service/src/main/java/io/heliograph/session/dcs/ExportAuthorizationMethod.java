package io.heliograph.session.dcs;

import io.heliograph.platform.DcContext;
import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.platform.cassandra.Cql;
import io.heliograph.tl.api.AuthExportAuthorization;
import io.heliograph.tl.api.AuthExportedAuthorization;
import io.heliograph.tl.api.TAuthExportedAuthorization;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code auth.exportAuthorization(dc_id)}: a one-time token ({@code id}, 32 random {@code bytes}) with which the
 * caller's user logs a key of DC {@code dc_id} in ({@code auth.importAuthorization}), valid for
 * {@code heliograph.session.dcs.exported-authorization-lifetime}; stored in {@code global.exported_authorizations}
 * so the other DC can check it. {@code DC_ID_INVALID} for this DC or one that is not configured.
 *
 * @see <a href="https://core.telegram.org/method/auth.exportAuthorization">auth.exportAuthorization</a>
 */
@Component
class ExportAuthorizationMethod implements RpcMethod<AuthExportAuthorization, TAuthExportedAuthorization> {

    static final int TOKEN_BYTES = 32;

    private final Cql cql;
    private final Dcs dcs;
    private final DcProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final String insert;

    ExportAuthorizationMethod(Cql cql, Dcs dcs, DcProperties properties, DcContext dc, Clock clock) {
        this.cql = cql;
        this.dcs = dcs;
        this.properties = properties;
        this.clock = clock;
        this.insert = "INSERT INTO " + dc.globalKeyspace() + ".exported_authorizations (id, bytes, user_id, source_dc, "
                + "target_dc, created_at) VALUES (?, ?, ?, ?, ?, ?) USING TTL ?";
    }

    @Override
    public Class<AuthExportAuthorization> function() {
        return AuthExportAuthorization.class;
    }

    @Override
    public Mono<TAuthExportedAuthorization> handle(AuthExportAuthorization call, RpcContext ctx) {
        return Mono.defer(() -> {
            long user = ctx.requireUser().value();
            if (call.dcId() == dcs.thisDc() || !dcs.rules().configured(call.dcId())) {
                return Mono.error(RpcException.badRequest("DC_ID_INVALID"));
            }
            long id = random.nextLong();
            byte[] bytes = new byte[TOKEN_BYTES];
            random.nextBytes(bytes);
            int ttl = (int) Math.max(1, properties.exportedAuthorizationLifetime().toSeconds());
            return cql.run(insert, id, ByteBuffer.wrap(bytes), user, dcs.thisDc(), call.dcId(), clock.instant(), ttl)
                    .thenReturn(new AuthExportedAuthorization(id, bytes));
        });
    }
}
