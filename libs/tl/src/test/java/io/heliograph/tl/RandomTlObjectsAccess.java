package io.heliograph.tl;

import io.heliograph.tl.api.HelpGetConfig;

/** Lets tests in other packages build arbitrary newest-layer API objects. */
public final class RandomTlObjectsAccess {

    private RandomTlObjectsAccess() {
    }

    public static Generator generator(long seed) {
        RandomTlObjects gen = new RandomTlObjects(seed, "/tl/api-layer228.tl", new HelpGetConfig());
        return gen::create;
    }

    public static String name(Class<?> cls) {
        try {
            return (String) cls.getField("NAME").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds an arbitrary instance of a generated record class. */
    public interface Generator {
        TlObject create(Class<?> cls, int depth);
    }
}
