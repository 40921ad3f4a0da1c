package io.heliograph.events;

import java.time.Instant;

/** A decoded record: its type name, schema version, the time it was produced, and the event itself. */
public record EventEnvelope(String type, int version, Instant at, Event event) {
}
