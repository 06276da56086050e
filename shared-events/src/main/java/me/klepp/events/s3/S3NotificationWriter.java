package me.klepp.events.s3;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes S3 event notifications the way AWS does, for the local emulator, so that services read the same bytes
 * locally as in AWS. Immutable, so one instance can be shared by all threads.
 */
public final class S3NotificationWriter {

    // What AWS fills from the caller and the notification configuration; nothing in klepp reads these.
    private static final String LOCAL_PRINCIPAL = "klepp-local";
    private static final String LOCAL_SOURCE_IP = "127.0.0.1";
    private static final String LOCAL_CONFIGURATION_ID = "klepp-local";

    private final JsonMapper mapper = JsonMapper.builder().build();

    public String toJson(S3ObjectEvent event, String awsRegion) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", awsRegion);
        record.put("eventTime", S3Times.format(event.eventTime()));
        record.put("eventName", event.eventName());
        record.putObject("userIdentity").put("principalId", LOCAL_PRINCIPAL);
        record.putObject("requestParameters").put("sourceIPAddress", LOCAL_SOURCE_IP);
        record.putObject("responseElements")
                .put("x-amz-request-id", requestId())
                .put("x-amz-id-2", hostId());

        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", LOCAL_CONFIGURATION_ID);
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", event.bucket());
        // The AWS SDK's S3EventNotification.toJson refuses a null owner, so always write one.
        bucket.putObject("ownerIdentity").put("principalId", LOCAL_PRINCIPAL);
        bucket.put("arn", "arn:aws:s3:::" + event.bucket());

        ObjectNode object = s3.putObject("object");
        object.put("key", S3Keys.encode(event.key()));
        if (event.size() != null) {
            object.put("size", event.size().longValue());
        }
        putIfPresent(object, "eTag", event.eTag());
        putIfPresent(object, "versionId", event.versionId());
        putIfPresent(object, "sequencer", event.sequencer());
        return mapper.writeValueAsString(root);
    }

    public String testEventJson(String bucket) {
        ObjectNode root = mapper.createObjectNode();
        root.put("Service", "Amazon S3");
        root.put("Event", "s3:TestEvent");
        root.put("Time", S3Times.format(Instant.now()));
        root.put("Bucket", bucket);
        root.put("RequestId", requestId());
        root.put("HostId", hostId());
        return mapper.writeValueAsString(root);
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String requestId() {
        return HexFormat.of().withUpperCase().formatHex(randomBytes(8));
    }

    private static String hostId() {
        return Base64.getEncoder().encodeToString(randomBytes(48));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
