package io.heliograph.platform.rpc;

import io.heliograph.tl.TlFunction;
import io.heliograph.tl.api.ApiRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import reactor.core.publisher.Mono;

/**
 * The {@link RpcMethod}s of this service by function class. Refuses at start-up a function that is not one of layer
 * {@value ApiRegistry#LAYER} or is claimed by two beans, naming both.
 */
public final class RpcMethods {

    private final Map<Class<?>, RpcMethod<?, ?>> byFunction = new HashMap<>();

    public RpcMethods(Collection<? extends RpcMethod<?, ?>> methods) {
        for (RpcMethod<?, ?> method : methods) {
            Class<?> function = method.function();
            // a generated function of the API schema (checked without loading the whole registry)
            if (function == null || !TlFunction.class.isAssignableFrom(function) || !function.isRecord()
                    || !function.getPackageName().equals(ApiRegistry.class.getPackageName())) {
                throw new IllegalStateException(method.getClass().getName() + " handles " + function
                        + ", which is not a function of API layer " + ApiRegistry.LAYER);
            }
            RpcMethod<?, ?> previous = byFunction.putIfAbsent(function, method);
            if (previous != null) {
                throw new IllegalStateException("two RpcMethod beans handle " + function.getSimpleName() + ": "
                        + previous.getClass().getName() + " and " + method.getClass().getName());
            }
        }
    }

    /** The method registered for this call's function, or null. */
    RpcMethod<?, ?> find(TlFunction<?> call) {
        return byFunction.get(call.getClass());
    }

    /** TL names of the functions this service answers, sorted. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (Class<?> function : byFunction.keySet()) {
            names.add(tlName(function));
        }
        return names;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Mono<Object> invoke(RpcMethod<?, ?> method, TlFunction<?> call, RpcContext ctx) {
        RpcMethod raw = method;
        Mono<?> result = raw.handle((TlFunction) raw.function().cast(call), ctx);
        if (result == null) {
            throw new IllegalStateException(method.getClass().getName() + " returned null instead of a Mono");
        }
        return result.cast(Object.class);
    }

    private static String tlName(Class<?> function) {
        try {
            return (String) function.getField("NAME").get(null); // every generated record has it
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(function + " has no NAME", e);
        }
    }
}
