package io.heliograph.message.commands;

import io.heliograph.tl.api.TMessageEntity;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@code offset} and {@code length} every {@code MessageEntity} constructor has, read without a switch over dozens. */
public final class EntityRange {

    private static final Map<Class<?>, RecordComponent[]> COMPONENTS = new ConcurrentHashMap<>();

    private EntityRange() {
    }

    /** {offset, length}, or null for an entity without them. */
    public static int[] of(TMessageEntity entity) {
        RecordComponent[] rc = COMPONENTS.computeIfAbsent(entity.getClass(), c -> {
            RecordComponent offset = null;
            RecordComponent length = null;
            for (RecordComponent r : c.getRecordComponents()) {
                if (r.getName().equals("offset")) {
                    offset = r;
                } else if (r.getName().equals("length")) {
                    length = r;
                }
            }
            return offset == null || length == null ? new RecordComponent[0] : new RecordComponent[] {offset, length};
        });
        if (rc.length == 0) {
            return null;
        }
        try {
            return new int[] {(int) rc[0].getAccessor().invoke(entity), (int) rc[1].getAccessor().invoke(entity)};
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
