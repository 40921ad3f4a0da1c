package io.heliograph.mtproto.session;

import io.heliograph.tl.TlObject;
import java.util.concurrent.CompletionStage;

/** Answers API calls; completes with the result object or fails with {@link RpcException}. Must not block. */
@FunctionalInterface
public interface RpcHandler {

    CompletionStage<TlObject> handle(RpcCall call);
}
