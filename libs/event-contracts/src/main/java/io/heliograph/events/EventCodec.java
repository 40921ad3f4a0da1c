package io.heliograph.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one wire format of every topic: a JSON envelope {@code {"type", "v", "at", "payload"}} with the event record
 * as payload (byte arrays, such as TL bodies, as base64).
 *
 * <p>Versioning rule: adding a field is compatible and keeps {@code v} (readers ignore fields they do not know, new
 * fields are nullable); removing, renaming or retyping a field is incompatible and raises {@code v}. A reader
 * refuses a {@code v} newer than it knows with {@link EventDecodeException}, so it is deployed before its writers.
 */
public final class EventCodec {

    private record Type(String name, int version, Class<? extends Event> javaType) {
    }

    private static final Map<String, Type> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<? extends Event>, Type> BY_CLASS = new LinkedHashMap<>();

    static {
        register("box-command", 1, BoxCommand.class);
        register("peer-effect", 1, PeerEffect.class);
        register("cross-dc-command", 1, CrossDcCommand.class);
        register("user-update", 1, UserUpdate.class);
        register("channel-post", 1, ChannelPost.class);
        register("session-presence", 1, SessionPresence.class);
        register("channel-interest", 1, ChannelInterest.class);
        register("authorization-reset", 1, AuthorizationReset.class);
        register("authorization-granted", 1, AuthorizationGranted.class);
        register("secret-chat-message", 1, SecretChatMessage.class);
        register("bot-update", 1, BotUpdate.class);
        register("file-stored", 1, FileStored.class);
        register("session-delivery", 1, SessionDelivery.class);
    }

    private static void register(String name, int version, Class<? extends Event> type) {
        Type t = new Type(name, version, type);
        BY_NAME.put(name, t);
        BY_CLASS.put(type, t);
    }

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The registered type name of an event class (for logs and metrics). */
    public static String typeName(Class<? extends Event> type) {
        Type t = BY_CLASS.get(type);
        if (t == null) {
            throw new IllegalArgumentException("unregistered event type " + type.getName());
        }
        return t.name();
    }

    public byte[] encode(Event event, Instant at) {
        Type t = BY_CLASS.get(event.getClass());
        if (t == null) {
            throw new IllegalArgumentException("unregistered event type " + event.getClass().getName());
        }
        ObjectNode root = mapper.createObjectNode();
        root.put("type", t.name());
        root.put("v", t.version());
        root.put("at", at.toString());
        root.set("payload", mapper.valueToTree(event));
        return mapper.writeValueAsBytes(root);
    }

    public EventEnvelope decode(byte[] bytes) {
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (JacksonException e) {
            throw new EventDecodeException("record is not a JSON event envelope: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new EventDecodeException("record is not a JSON object", null);
        }
        String name = root.path("type").asString(null);
        Type t = name == null ? null : BY_NAME.get(name);
        if (t == null) {
            throw new EventDecodeException("unknown event type '" + name + "'", null);
        }
        int version = root.path("v").asInt(-1);
        if (version < 1 || version > t.version()) {
            throw new EventDecodeException("event type '" + name + "' version " + version
                    + " is not supported (this reader knows up to " + t.version() + ")", null);
        }
        try {
            Instant at = Instant.parse(root.path("at").asString());
            Event event = mapper.treeToValue(root.required("payload"), t.javaType());
            return new EventEnvelope(name, version, at, event);
        } catch (JacksonException | java.time.format.DateTimeParseException | IllegalArgumentException e) {
            throw new EventDecodeException("invalid '" + name + "' record: " + e.getMessage(), e);
        }
    }
}
