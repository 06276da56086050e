package me.klepp.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class EventCodecTest {

    private static final MediaProcessedV1 SCREENSHOT = new MediaProcessedV1(
            "klepp-media", "carol/2026/01/boss.png", "5d41402abc4b2a76b9719d911017c592", null, MediaProcessedV1.IMAGE,
            "klepp-thumbnails", "carol/2026/01/boss.png.jpg", 640, 400,
            new MediaMetadata(null, 2560, 1600, null, null, false, null));

    private final EventCodec codec = new EventCodec();

    @Test
    void envelope_factory_fills_id_time_and_type_from_the_event() {
        Instant before = Instant.now();
        EventEnvelope<MediaProcessedV1> first = EventEnvelope.of("/klepp/thumbnail-worker", "k", SCREENSHOT);
        EventEnvelope<MediaProcessedV1> second = EventEnvelope.of("/klepp/thumbnail-worker", "k", SCREENSHOT);

        assertThat(first.type()).isEqualTo(MediaProcessedV1.TYPE);
        assertThat(UUID.fromString(first.id())).isNotEqualTo(UUID.fromString(second.id()));
        assertThat(first.time()).isBetween(before, Instant.now());
        assertThat(first.source()).isEqualTo("/klepp/thumbnail-worker");
        assertThat(first.subject()).isEqualTo("k");
        assertThat(first.data()).isSameAs(SCREENSHOT);
    }

    @Test
    void envelope_refuses_a_type_that_is_not_its_datas() {
        assertThatThrownBy(() -> new EventEnvelope<>("id", "src", MediaProcessingFailedV1.TYPE, Instant.now(), null,
                SCREENSHOT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(MediaProcessingFailedV1.TYPE)
                .hasMessageContaining(MediaProcessedV1.TYPE);
    }

    @Test
    void events_refuse_a_missing_id() {
        assertThatThrownBy(() -> new MediaProcessingFailedV1("klepp-media", "k", null, "corrupt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("etag is required");
    }

    @Test
    void omits_null_fields_and_reads_them_back_as_null() {
        EventEnvelope<MediaProcessedV1> sent = EventEnvelope.of("/klepp/thumbnail-worker", null, SCREENSHOT);

        String json = codec.encode(sent);

        JsonNode tree = Golden.JSON.readTree(json);
        assertThat(tree.has("subject")).isFalse();
        assertThat(tree.get("data").has("size_bytes")).isFalse();
        assertThat(tree.get("data").get("metadata").propertyNames())
                .containsExactlyInAnyOrder("width", "height", "has_audio");
        assertThat(codec.decode(json)).isEqualTo(sent);
    }

    @Test
    void reads_explicit_nulls_in_optional_fields_as_absent() {
        ObjectNode json = Golden.tree(MediaProcessedV1.TYPE);
        ObjectNode data = (ObjectNode) json.get("data");
        data.putNull("size_bytes");
        ((ObjectNode) data.get("metadata")).putNull("fps").putNull("video_codec");
        json.putNull("subject");

        EventEnvelope<KleppEvent> decoded = codec.decode(json.toString());

        MediaProcessedV1 event = (MediaProcessedV1) decoded.data();
        assertThat(decoded.subject()).isNull();
        assertThat(event.sizeBytes()).isNull();
        assertThat(event.metadata().fps()).isNull();
        assertThat(event.metadata().videoCodec()).isNull();
    }

    @Test
    void ignores_fields_added_by_a_newer_producer_of_the_same_version() {
        ObjectNode json = Golden.tree(MediaProcessedV1.TYPE);
        json.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        ObjectNode data = (ObjectNode) json.get("data");
        data.put("uploader_id", "alice");
        ((ObjectNode) data.get("metadata")).putObject("hdr").put("transfer", "pq");

        EventEnvelope<KleppEvent> decoded = codec.decode(json.toString());

        assertThat(decoded).isEqualTo(codec.decode(Golden.json(MediaProcessedV1.TYPE)));
    }

    @Test
    void reads_rfc3339_times_with_offsets_and_keeps_sub_second_precision() {
        ObjectNode json = Golden.tree(MediaProcessedV1.TYPE);
        json.put("time", "2026-01-01T14:00:00.123456+02:00");

        EventEnvelope<KleppEvent> decoded = codec.decode(json.toString());

        assertThat(decoded.time()).isEqualTo(Instant.parse("2026-01-01T12:00:00.123456Z"));
        assertThat(Golden.JSON.readTree(codec.encode(decoded)).get("time").stringValue())
                .isEqualTo("2026-01-01T12:00:00.123456Z");
    }

    @Test
    void reads_structured_events_without_datacontenttype_as_json() {
        ObjectNode json = Golden.tree(MediaProcessingFailedV1.TYPE);
        json.remove("datacontenttype");

        assertThat(codec.decode(json.toString()).data()).isInstanceOf(MediaProcessingFailedV1.class);
    }
}
