package io.heliograph.platform.rpc;

import io.heliograph.tl.TlFunction;
import reactor.core.publisher.Mono;

/**
 * One API method a service answers on {@code POST /internal/rpc}: declare an implementation as a Spring bean and the
 * platform's endpoint dispatches every call of {@link #function()} to it. At most one bean per function.
 *
 * <p>{@link #handle} must not block (it runs on the event loop). It completes with the result, or fails with
 * {@link RpcException} for a Telegram error; any other failure, or completing empty, answers {@code 500 INTERNAL}.
 * A method that logs the key in or out says so with {@link RpcContext#authorize} / {@link RpcContext#logOut}.
 *
 * @param <F> the generated function record of layer {@value io.heliograph.tl.api.ApiRegistry#LAYER}
 * @param <R> its result type (a TL object, {@code Boolean} or a {@code List})
 */
public interface RpcMethod<F extends TlFunction<R>, R> {

    Class<F> function();

    Mono<R> handle(F call, RpcContext ctx);
}
