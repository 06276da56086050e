package me.klepp.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured mode. {@link EventCodec} writes and reads it as JSON.
 *
 * @param id      unique per event, so consumers can deduplicate redeliveries
 * @param source  the producing service, e.g. {@code /klepp/thumbnail-worker}
 * @param type    always the {@code TYPE} of {@code data}'s record
 * @param subject optional; what the event is about, e.g. the object key
 */
public record EventEnvelope<T extends KleppEvent>(
        String id, String source, String type, Instant time, String subject, T data) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        String dataType = EventTypes.typeOf(data);
        if (!type.equals(dataType)) {
            throw new IllegalArgumentException("type " + type + " does not match data of type " + dataType);
        }
    }

    public static <T extends KleppEvent> EventEnvelope<T> of(String source, String subject, T data) {
        Objects.requireNonNull(data, "data");
        return new EventEnvelope<>(UUID.randomUUID().toString(), source, EventTypes.typeOf(data), Instant.now(),
                subject, data);
    }
}
