package me.klepp.events.s3;

import static me.klepp.events.s3.S3Fixtures.AWS_PUT;
import static me.klepp.events.s3.S3Fixtures.AWS_TEST_EVENT;
import static me.klepp.events.s3.S3Fixtures.awsPut;
import static me.klepp.events.s3.S3Fixtures.firstRecord;
import static me.klepp.events.s3.S3Fixtures.object;
import static me.klepp.events.s3.S3Fixtures.snsWrapped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import me.klepp.events.MalformedEventException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

class S3NotificationParserTest {

    private static final S3ObjectEvent AWS_PUT_EVENT = new S3ObjectEvent(
            "ObjectCreated:Put",
            Instant.parse("2026-01-01T12:00:00Z"),
            "klepp-media",
            "alice/2026/01/ShareX_Ab Cdé.mp4",
            1_048_576L,
            "d41d8cd98f00b204e9800998ecf8427e",
            null,
            "0055AED6DCD90281E5");

    private final S3NotificationParser parser = new S3NotificationParser();

    @Test
    void parses_the_aws_example_and_decodes_the_key() {
        S3Notification notification = parser.parse(AWS_PUT);

        assertThat(notification).isEqualTo(new S3Notification.ObjectEvents(java.util.List.of(AWS_PUT_EVENT)));
        S3ObjectEvent event = ((S3Notification.ObjectEvents) notification).records().get(0);
        assertThat(event.isCreated()).isTrue();
        assertThat(event.isRemoved()).isFalse();
    }

    @Test
    void parses_the_same_notification_wrapped_by_sns() {
        assertThat(parser.parse(snsWrapped(AWS_PUT))).isEqualTo(parser.parse(AWS_PUT));
    }

    @Test
    void recognises_the_test_event() {
        assertThat(parser.parse(AWS_TEST_EVENT)).isEqualTo(new S3Notification.TestEvent("klepp-media"));
    }

    @Test
    void recognises_the_test_event_wrapped_by_sns() {
        assertThat(parser.parse(snsWrapped(AWS_TEST_EVENT))).isEqualTo(new S3Notification.TestEvent("klepp-media"));
    }

    @Test
    void keeps_a_multipart_etag_as_sent() {
        ObjectNode json = awsPut();
        firstRecord(json).put("eventName", "ObjectCreated:CompleteMultipartUpload");
        object(json).put("eTag", "9b2cf535f27731c974343645a3985328-12");

        S3ObjectEvent event = single(parser.parse(json.toString()));

        assertThat(event.eTag()).isEqualTo("9b2cf535f27731c974343645a3985328-12");
        assertThat(event.isCreated()).isTrue();
    }

    @Test
    void reads_a_removal_without_size_or_etag() {
        ObjectNode json = awsPut();
        firstRecord(json).put("eventName", "ObjectRemoved:DeleteMarkerCreated");
        object(json).remove("size");
        object(json).remove("eTag");
        object(json).put("versionId", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY");

        S3ObjectEvent event = single(parser.parse(json.toString()));

        assertThat(event.isRemoved()).isTrue();
        assertThat(event.isCreated()).isFalse();
        assertThat(event.size()).isNull();
        assertThat(event.eTag()).isNull();
        assertThat(event.versionId()).isEqualTo("3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY");
    }

    @Test
    void keeps_records_in_order() {
        ObjectNode json = awsPut();
        ObjectNode second = firstRecord(json).deepCopy();
        ((ObjectNode) second.get("s3").get("object")).put("key", "bob/clip.mp4");
        json.withArray("Records").add(second);

        S3Notification.ObjectEvents events = (S3Notification.ObjectEvents) parser.parse(json.toString());

        assertThat(events.records()).extracting(S3ObjectEvent::key)
                .containsExactly("alice/2026/01/ShareX_Ab Cdé.mp4", "bob/clip.mp4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.1", "2.2", "2.5", "2.10"})
    void accepts_any_2_x_event_version(String eventVersion) {
        ObjectNode json = awsPut();
        firstRecord(json).put("eventVersion", eventVersion);

        assertThat(single(parser.parse(json.toString()))).isEqualTo(AWS_PUT_EVENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.0", "1.0", "20.1", "2", "latest"})
    void rejects_other_event_versions(String eventVersion) {
        ObjectNode json = awsPut();
        firstRecord(json).put("eventVersion", eventVersion);

        assertThatThrownBy(() -> parser.parse(json.toString()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("unsupported eventVersion " + eventVersion);
    }

    @Test
    void rejects_events_not_from_s3() {
        ObjectNode json = awsPut();
        firstRecord(json).put("eventSource", "aws:sqs");

        assertThatThrownBy(() -> parser.parse(json.toString()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("unsupported eventSource aws:sqs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"Records\":[", "Records", ""})
    void rejects_invalid_json(String body) {
        assertThatThrownBy(() -> parser.parse(body))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("invalid JSON in body");
    }

    @Test
    void rejects_an_sns_message_that_is_not_json() {
        assertThatThrownBy(() -> parser.parse(snsWrapped("hello")))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("invalid JSON in SNS Message");
    }

    @Test
    void rejects_sns_messages_other_than_notifications() {
        ObjectNode json = (ObjectNode) S3Fixtures.JSON.readTree(snsWrapped(AWS_PUT));
        json.put("Type", "SubscriptionConfirmation");

        assertThatThrownBy(() -> parser.parse(json.toString()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("SubscriptionConfirmation");
    }

    @Test
    void rejects_json_that_is_no_s3_notification() {
        assertThatThrownBy(() -> parser.parse("{\"detail-type\":\"Object Created\"}"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("no Records");
    }

    @Test
    void rejects_a_record_without_a_key_naming_where() {
        ObjectNode json = awsPut();
        object(json).remove("key");

        assertThatThrownBy(() -> parser.parse(json.toString()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("Records[0].s3.object: missing key");
    }

    @Test
    void rejects_a_key_that_is_not_form_encoded() {
        ObjectNode json = awsPut();
        object(json).put("key", "alice/100%.mp4");

        assertThatThrownBy(() -> parser.parse(json.toString()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("alice/100%.mp4");
    }

    private static S3ObjectEvent single(S3Notification notification) {
        assertThat(notification).isInstanceOf(S3Notification.ObjectEvents.class);
        var records = ((S3Notification.ObjectEvents) notification).records();
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
