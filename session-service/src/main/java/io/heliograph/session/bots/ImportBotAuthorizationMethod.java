package io.heliograph.session.bots;

import io.heliograph.platform.rpc.RpcContext;
import io.heliograph.platform.rpc.RpcException;
import io.heliograph.platform.rpc.RpcMethod;
import io.heliograph.session.authorizations.Authorizations;
import io.heliograph.session.dcs.Dcs;
import io.heliograph.session.directory.Directory;
import io.heliograph.session.users.UserStore;
import io.heliograph.session.users.UserViews;
import io.heliograph.tl.api.AuthAuthorization;
import io.heliograph.tl.api.AuthImportBotAuthorization;
import io.heliograph.tl.api.TAuthAuthorization;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code auth.importBotAuthorization}: logs the key in as the bot whose token it is. {@code API_ID_INVALID},
 * {@code ACCESS_TOKEN_INVALID} (malformed, unknown bot, wrong secret), {@code 303 USER_MIGRATE_X} when the bot lives
 * in another DC.
 *
 * @see <a href="https://core.telegram.org/method/auth.importBotAuthorization">auth.importBotAuthorization</a>
 */
@Component
class ImportBotAuthorizationMethod implements RpcMethod<AuthImportBotAuthorization, TAuthAuthorization> {

    private final Directory directory;
    private final Dcs dcs;
    private final UserStore users;
    private final Authorizations authorizations;
    private final Clock clock;

    ImportBotAuthorizationMethod(Directory directory, Dcs dcs, UserStore users, Authorizations authorizations,
            Clock clock) {
        this.directory = directory;
        this.dcs = dcs;
        this.users = users;
        this.authorizations = authorizations;
        this.clock = clock;
    }

    @Override
    public Class<AuthImportBotAuthorization> function() {
        return AuthImportBotAuthorization.class;
    }

    @Override
    public Mono<TAuthAuthorization> handle(AuthImportBotAuthorization call, RpcContext ctx) {
        return Mono.defer(() -> {
            if (call.apiId() <= 0 || call.apiHash() == null || call.apiHash().isEmpty() || call.apiHash().length() > 128) {
                return Mono.error(RpcException.badRequest("API_ID_INVALID"));
            }
            BotTokens.Token token = BotTokens.parse(call.botAuthToken());
            if (token == null) {
                return Mono.error(invalid());
            }
            return directory.homeDcOf(token.botUserId())
                    .switchIfEmpty(Mono.error(ImportBotAuthorizationMethod::invalid))
                    .flatMap(home -> {
                        if (home != dcs.thisDc()) {
                            return Mono.error(Dcs.userMigrate(home));
                        }
                        return users.find(token.botUserId(), home);
                    })
                    .filter(bot -> bot.bot() && BotTokens.matches(bot.botTokenSha256(), token.secret()))
                    .switchIfEmpty(Mono.error(ImportBotAuthorizationMethod::invalid))
                    .flatMap(bot -> authorizations.grant(bot.id(), ctx, List.of())
                            .thenReturn((TAuthAuthorization) new AuthAuthorization(false, null, null, null,
                                    UserViews.of(bot, bot.id(), clock.instant()))));
        });
    }

    private static RpcException invalid() {
        return RpcException.badRequest("ACCESS_TOKEN_INVALID");
    }
}
