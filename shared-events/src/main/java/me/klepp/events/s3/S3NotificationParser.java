package me.klepp.events.s3;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.klepp.events.MalformedEventException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an SQS message body holding an S3 event notification, delivered directly or through SNS (with raw message
 * delivery on or off). Immutable, so one instance can be shared by all threads.
 */
public final class S3NotificationParser {

    private static final Pattern EVENT_VERSION = Pattern.compile("(\\d+)\\.\\d+");
    private static final String SUPPORTED_MAJOR = "2";

    private final JsonMapper mapper = JsonMapper.builder().build();

    public S3Notification parse(String sqsBody) {
        JsonNode root = parseObject(sqsBody, "body");
        if (isSnsEnvelope(root)) {
            root = parseObject(snsMessage(root), "SNS Message");
        }
        if ("s3:TestEvent".equals(root.path("Event").asString(null))) {
            return new S3Notification.TestEvent(root.path("Bucket").asString(null));
        }
        JsonNode records = root.get("Records");
        if (records == null || !records.isArray()) {
            throw new MalformedEventException("not an S3 event notification: no Records and not an s3:TestEvent");
        }
        List<S3ObjectEvent> events = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            events.add(objectEvent(records.get(i), "Records[" + i + "]"));
        }
        return new S3Notification.ObjectEvents(events);
    }

    private JsonNode parseObject(String json, String what) {
        if (json == null) {
            throw new MalformedEventException("invalid JSON in " + what + ": no content");
        }
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JacksonException e) {
            throw new MalformedEventException("invalid JSON in " + what + ": " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedEventException("invalid JSON in " + what + ": expected an object");
        }
        return node;
    }

    private static boolean isSnsEnvelope(JsonNode root) {
        // S3's own JSON has no top-level Type.
        return root.has("Type");
    }

    private static String snsMessage(JsonNode envelope) {
        String type = envelope.path("Type").asString(null);
        if (!"Notification".equals(type)) {
            throw new MalformedEventException("unexpected SNS message Type " + type + "; expected Notification");
        }
        JsonNode message = envelope.get("Message");
        if (message == null || !message.isString()) {
            throw new MalformedEventException("SNS Notification without a string Message");
        }
        return message.stringValue();
    }

    private static S3ObjectEvent objectEvent(JsonNode record, String where) {
        if (!record.isObject()) {
            throw new MalformedEventException(where + " is not an object");
        }
        requireSupportedVersion(requiredText(record, "eventVersion", where), where);
        String eventSource = requiredText(record, "eventSource", where);
        if (!"aws:s3".equals(eventSource)) {
            throw new MalformedEventException(where + ": unsupported eventSource " + eventSource + "; expected aws:s3");
        }
        JsonNode s3 = record.path("s3");
        JsonNode object = s3.path("object");
        return new S3ObjectEvent(
                requiredText(record, "eventName", where),
                eventTime(requiredText(record, "eventTime", where), where),
                requiredText(s3.path("bucket"), "name", where + ".s3.bucket"),
                decodedKey(requiredText(object, "key", where + ".s3.object"), where),
                size(object, where),
                optionalText(object, "eTag", where + ".s3.object"),
                optionalText(object, "versionId", where + ".s3.object"),
                optionalText(object, "sequencer", where + ".s3.object"));
    }

    private static void requireSupportedVersion(String eventVersion, String where) {
        Matcher version = EVENT_VERSION.matcher(eventVersion);
        if (!version.matches() || !version.group(1).equals(SUPPORTED_MAJOR)) {
            throw new MalformedEventException(
                    where + ": unsupported eventVersion " + eventVersion + "; supported: " + SUPPORTED_MAJOR + ".x");
        }
    }

    private static Instant eventTime(String eventTime, String where) {
        try {
            return Instant.parse(eventTime);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(where + ": invalid eventTime " + eventTime, e);
        }
    }

    private static String decodedKey(String encoded, String where) {
        try {
            return S3Keys.decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(where + ": object key is not form-encoded: " + encoded, e);
        }
    }

    private static Long size(JsonNode object, String where) {
        JsonNode size = object.get("size");
        if (size == null || size.isNull()) {
            return null;
        }
        if (!size.isIntegralNumber()) {
            throw new MalformedEventException(where + ".s3.object: size must be an integer");
        }
        return size.longValue();
    }

    private static String requiredText(JsonNode parent, String field, String where) {
        String value = optionalText(parent, field, where);
        if (value == null) {
            throw new MalformedEventException(where + ": missing " + field);
        }
        return value;
    }

    private static String optionalText(JsonNode parent, String field, String where) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new MalformedEventException(where + ": " + field + " must be a string");
        }
        return value.stringValue();
    }
}
