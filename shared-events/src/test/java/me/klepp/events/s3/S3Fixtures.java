package me.klepp.events.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

final class S3Fixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The example body from shared/reference/s3-events.md, byte for byte. */
    static final String AWS_PUT = resource("/s3/aws-put-example.json");
    static final String AWS_TEST_EVENT = resource("/s3/aws-test-event.json");

    private S3Fixtures() {
    }

    static ObjectNode awsPut() {
        return (ObjectNode) JSON.readTree(AWS_PUT);
    }

    static ObjectNode firstRecord(ObjectNode notification) {
        return (ObjectNode) notification.get("Records").get(0);
    }

    static ObjectNode object(ObjectNode notification) {
        return (ObjectNode) firstRecord(notification).get("s3").get("object");
    }

    /** The SQS body SNS delivers with raw message delivery off. */
    static String snsWrapped(String s3Json) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("Type", "Notification");
        envelope.put("MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324");
        envelope.put("TopicArn", "arn:aws:sns:eu-north-1:123456789012:klepp-uploads");
        envelope.put("Subject", "Amazon S3 Notification");
        envelope.put("Message", s3Json);
        envelope.put("Timestamp", "2026-01-01T12:00:00.100Z");
        envelope.put("SignatureVersion", "1");
        envelope.put("Signature", "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=");
        envelope.put("SigningCertURL", "https://sns.eu-north-1.amazonaws.com/SimpleNotificationService-example.pem");
        envelope.put("UnsubscribeURL", "https://sns.eu-north-1.amazonaws.com/?Action=Unsubscribe");
        return JSON.writeValueAsString(envelope);
    }

    private static String resource(String path) {
        try (InputStream in = S3Fixtures.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
