package me.klepp.events.s3;

import static me.klepp.events.s3.S3Fixtures.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class S3NotificationWriterTest {

    private static final Instant NOON = Instant.parse("2026-01-01T12:00:00Z");

    private final S3NotificationWriter writer = new S3NotificationWriter();
    private final S3NotificationParser parser = new S3NotificationParser();

    @Test
    void writes_exactly_the_aws_shape() {
        S3ObjectEvent event = new S3ObjectEvent("ObjectCreated:Put", NOON, "klepp-media",
                "alice/2026/01/ShareX_Ab Cdé.mp4", 1_048_576L, "d41d8cd98f00b204e9800998ecf8427e", null,
                "0055AED6DCD90281E5");

        ObjectNode written = (ObjectNode) JSON.readTree(writer.toJson(event, "eu-north-1"));

        assertThat(withoutCallerDetails(written)).isEqualTo(withoutCallerDetails(S3Fixtures.awsPut()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "alice/2026/01/ShareX_Ab Cdé.mp4 | alice/2026/01/ShareX_Ab+Cd%C3%A9.mp4",
            "a+b/c d.png                     | a%2Bb/c+d.png",
            "tom&jerry=1?.mp4                | tom%26jerry%3D1%3F.mp4",
            "100%.mp4                        | 100%25.mp4",
            "folder/                         | folder/"})
    void form_encodes_each_key_segment(String key, String encoded) {
        S3ObjectEvent event = new S3ObjectEvent("ObjectCreated:Put", NOON, "klepp-media", key, 1L, "e", null, "01");

        assertThat(objectOf(writer.toJson(event, "eu-north-1")).get("key").stringValue()).isEqualTo(encoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "clips/with space.mp4", "a+b.mp4", "100%.mp4", "literal %2B.mp4", "ünïcødé/日本語 クリップ.mp4",
            "tom&jerry=1?#.mp4", "emoji 🎮.png", "a//b", "folder/", "~tilde*star(1).jpg"})
    void parser_reads_back_what_the_writer_wrote(String key) {
        S3ObjectEvent event = new S3ObjectEvent("ObjectCreated:Put", NOON, "klepp-media", key, 42L,
                "d41d8cd98f00b204e9800998ecf8427e", "v1", "0055AED6DCD90281E5");

        assertThat(parser.parse(writer.toJson(event, "eu-north-1")))
                .isEqualTo(new S3Notification.ObjectEvents(List.of(event)));
    }

    @Test
    void writes_event_time_in_utc_with_milliseconds() {
        S3ObjectEvent event = new S3ObjectEvent("ObjectCreated:Put", Instant.parse("2026-03-04T05:06:07.123456789Z"),
                "klepp-media", "k", 1L, "e", null, "01");
        S3ObjectEvent onTheSecond = new S3ObjectEvent("ObjectCreated:Put", NOON, "klepp-media", "k", 1L, "e", null,
                "01");

        assertThat(recordOf(writer.toJson(event, "eu-north-1")).get("eventTime").stringValue())
                .isEqualTo("2026-03-04T05:06:07.123Z");
        assertThat(recordOf(writer.toJson(onTheSecond, "eu-north-1")).get("eventTime").stringValue())
                .isEqualTo("2026-01-01T12:00:00.000Z");
    }

    @Test
    void omits_what_aws_leaves_out_of_a_removal() {
        S3ObjectEvent removal = new S3ObjectEvent("ObjectRemoved:Delete", NOON, "klepp-media", "k", null, null, null,
                "0055AED6DCD90281E6");

        JsonNode object = objectOf(writer.toJson(removal, "eu-north-1"));

        assertThat(object.propertyNames()).containsExactly("key", "sequencer");
    }

    @Test
    void writes_version_id_only_for_versioned_objects() {
        S3ObjectEvent versioned = new S3ObjectEvent("ObjectCreated:Put", NOON, "klepp-media", "k", 1L, "e",
                "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY", "01");

        assertThat(objectOf(writer.toJson(versioned, "eu-north-1")).propertyNames())
                .containsExactly("key", "size", "eTag", "versionId", "sequencer");
    }

    @Test
    void writes_a_test_event_the_parser_skips() {
        String json = writer.testEventJson("klepp-media");

        assertThat(JSON.readTree(json).propertyNames())
                .containsExactly("Service", "Event", "Time", "Bucket", "RequestId", "HostId");
        assertThat(JSON.readTree(json).get("Time").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(parser.parse(json)).isEqualTo(new S3Notification.TestEvent("klepp-media"));
    }

    /** Blanks what AWS fills from the caller, the request and the notification configuration. */
    private static ObjectNode withoutCallerDetails(ObjectNode notification) {
        ObjectNode record = S3Fixtures.firstRecord(notification);
        record.withObject("userIdentity").put("principalId", "*");
        record.withObject("requestParameters").put("sourceIPAddress", "*");
        record.withObject("responseElements").put("x-amz-request-id", "*").put("x-amz-id-2", "*");
        ObjectNode s3 = record.withObject("s3");
        s3.put("configurationId", "*");
        s3.withObject("bucket").withObject("ownerIdentity").put("principalId", "*");
        return notification;
    }

    private static JsonNode recordOf(String json) {
        return JSON.readTree(json).get("Records").get(0);
    }

    private static JsonNode objectOf(String json) {
        return recordOf(json).get("s3").get("object");
    }
}
