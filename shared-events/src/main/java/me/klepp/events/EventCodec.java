package me.klepp.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes and reads {@link EventEnvelope}s as CloudEvents 1.0 structured-mode JSON, with snake_case data fields.
 * Immutable, so one instance can be shared by all threads.
 */
public final class EventCodec {

    private static final String SPEC_VERSION = "1.0";
    private static final String DATA_CONTENT_TYPE = "application/json";
    private static final PropertyNamingStrategies.NamingBase DATA_NAMING =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(DATA_NAMING)
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            // A producer on a newer minor revision of the same version may add fields.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Otherwise an absent int would silently read as 0.
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // The contract has typed fields; "1920" or 1920.5 for a width is a producer bug worth surfacing.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    public String encode(EventEnvelope<?> envelope) {
        ObjectNode json = mapper.createObjectNode();
        json.put("specversion", SPEC_VERSION);
        json.put("id", envelope.id());
        json.put("source", envelope.source());
        json.put("type", envelope.type());
        json.put("time", envelope.time().toString());
        if (envelope.subject() != null) {
            json.put("subject", envelope.subject());
        }
        json.put("datacontenttype", DATA_CONTENT_TYPE);
        json.set("data", mapper.valueToTree(envelope.data()));
        return mapper.writeValueAsString(json);
    }

    public EventEnvelope<KleppEvent> decode(String json) {
        JsonNode root = parseObject(json);
        String specVersion = requiredAttribute(root, "specversion");
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new UnsupportedEventException(
                    "unsupported specversion " + specVersion + "; supported: " + SPEC_VERSION);
        }
        String id = requiredAttribute(root, "id");
        String source = requiredAttribute(root, "source");
        String type = requiredAttribute(root, "type");
        Instant time = time(root);
        String subject = optionalAttribute(root, "subject");
        Class<? extends KleppEvent> dataClass = EventTypes.classOf(type).orElseThrow(() -> new UnsupportedEventException(
                "unsupported event type " + type + "; supported: " + String.join(", ", EventTypes.supported())));
        requireJsonContent(root, type);
        return new EventEnvelope<>(id, source, type, time, subject, data(root, type, dataClass));
    }

    private JsonNode parseObject(String json) {
        if (json == null) {
            throw new MalformedEventException("invalid JSON: no content");
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JacksonException e) {
            throw new MalformedEventException("invalid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("invalid JSON: expected an object");
        }
        return root;
    }

    private static String requiredAttribute(JsonNode root, String name) {
        String value = optionalAttribute(root, name);
        if (value == null || value.isEmpty()) {
            throw new MalformedEventException("missing required attribute " + name);
        }
        return value;
    }

    private static String optionalAttribute(JsonNode root, String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new MalformedEventException("attribute " + name + " must be a string");
        }
        return value.stringValue();
    }

    private static Instant time(JsonNode root) {
        String time = requiredAttribute(root, "time");
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("attribute time is not an RFC 3339 timestamp: " + time, e);
        }
    }

    private static void requireJsonContent(JsonNode root, String type) {
        // CloudEvents lets structured-mode JSON omit datacontenttype, meaning application/json.
        String contentType = optionalAttribute(root, "datacontenttype");
        if (contentType != null && !contentType.split(";", 2)[0].trim().equalsIgnoreCase(DATA_CONTENT_TYPE)) {
            throw new UnsupportedEventException(
                    "unsupported datacontenttype " + contentType + " for " + type + "; supported: " + DATA_CONTENT_TYPE);
        }
    }

    private KleppEvent data(JsonNode root, String type, Class<? extends KleppEvent> dataClass) {
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            throw new MalformedEventException("missing required attribute data");
        }
        if (!data.isObject()) {
            throw new MalformedEventException("data of " + type + " must be an object");
        }
        try {
            return mapper.treeToValue(data, dataClass);
        } catch (JacksonException e) {
            throw invalidData(type, data, e);
        }
    }

    private MalformedEventException invalidData(String type, JsonNode data, JacksonException e) {
        List<String> path = new ArrayList<>();
        for (JacksonException.Reference reference : e.getPath()) {
            path.add(reference.getPropertyName() != null
                    ? reference.getPropertyName()
                    : String.valueOf(reference.getIndex()));
        }
        // A record constructor refused a null: the path ends at that record, so add the field it named.
        if (e.getCause() instanceof MissingFieldException missing) {
            path.add(DATA_NAMING.nameForField(mapper.deserializationConfig(), null, missing.field()));
        }
        String field = String.join(".", path);
        if (!path.isEmpty() && isAbsentOrNull(data, path)) {
            return new MalformedEventException("missing required data field " + field + " in " + type, e);
        }
        String where = path.isEmpty() ? "data" : "data field " + field;
        return new MalformedEventException("invalid " + where + " in " + type + ": " + e.getOriginalMessage(), e);
    }

    private static boolean isAbsentOrNull(JsonNode data, List<String> path) {
        JsonNode node = data;
        for (String step : path) {
            node = node.isArray() ? node.get(Integer.parseInt(step)) : node.get(step);
            if (node == null || node.isNull()) {
                return true;
            }
        }
        return false;
    }
}
