package io.heliograph.session.login;

import io.heliograph.platform.rpc.RpcException;

/** The {@code api_id}/{@code api_hash} a login call names: a positive id and a short printable hash. */
final class ApiCredentials {

    private ApiCredentials() {
    }

    static void validate(int apiId, String apiHash) {
        if (apiId <= 0 || apiHash == null || apiHash.isEmpty() || apiHash.length() > 128
                || !apiHash.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw RpcException.badRequest("API_ID_INVALID");
        }
    }
}
