package me.klepp.events;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

class EventCodecRejectionTest {

    private static final String SUPPORTED = "supported: me.klepp.media.preview-ready.v1, me.klepp.media.processed.v1, "
            + "me.klepp.media.processing-failed.v1, me.klepp.media.regeneration-requested.v1, "
            + "me.klepp.media.rendition-failed.v1, me.klepp.media.rendition-progressed.v1, "
            + "me.klepp.media.rendition-ready.v1";

    private final EventCodec codec = new EventCodec();

    @Test
    void rejects_an_unknown_type_naming_it_and_the_supported_ones() {
        ObjectNode json = Golden.tree(MediaProcessedV1.TYPE);
        json.put("type", "me.klepp.clip.liked.v1");

        assertThatThrownBy(() -> codec.decode(json.toString()))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessage("unsupported event type me.klepp.clip.liked.v1; " + SUPPORTED);
    }

    @Test
    void rejects_an_unknown_version_of_a_known_type() {
        ObjectNode json = Golden.tree(MediaProcessedV1.TYPE);
        json.put("type", "me.klepp.media.processed.v2");

        assertThatThrownBy(() -> codec.decode(json.toString()))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessage("unsupported event type me.klepp.media.processed.v2; " + SUPPORTED);
    }

    @Test
    void rejects_another_cloudevents_spec_version() {
        ObjectNode json = Golden.tree(MediaProcessedV1.TYPE);
        json.put("specversion", "0.3");

        assertThatThrownBy(() -> codec.decode(json.toString()))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessage("unsupported specversion 0.3; supported: 1.0");
    }

    @Test
    void rejects_data_in_another_content_type() {
        ObjectNode json = Golden.tree(MediaProcessedV1.TYPE);
        json.put("datacontenttype", "application/xml");

        assertThatThrownBy(() -> codec.decode(json.toString()))
                .isInstanceOf(UnsupportedEventException.class)
                .hasMessageContaining("application/xml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"specversion\":\"1.0\",", "not json", "{} trailing", ""})
    void rejects_invalid_json(String body) {
        assertThatThrownBy(() -> codec.decode(body))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("invalid JSON");
    }

    @Test
    void rejects_json_that_is_not_an_object() {
        assertThatThrownBy(() -> codec.decode("[1,2]"))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("invalid JSON: expected an object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"specversion", "id", "source", "type", "time", "data"})
    void rejects_a_missing_required_attribute(String attribute) {
        ObjectNode json = Golden.tree(MediaProcessedV1.TYPE);
        json.remove(attribute);

        assertThatThrownBy(() -> codec.decode(json.toString()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("missing required attribute " + attribute);
    }

    @Test
    void rejects_an_empty_id() {
        ObjectNode json = Golden.tree(MediaProcessedV1.TYPE);
        json.put("id", "");

        assertThatThrownBy(() -> codec.decode(json.toString()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("missing required attribute id");
    }

    @Test
    void rejects_a_time_that_is_not_rfc3339() {
        ObjectNode json = Golden.tree(MediaProcessedV1.TYPE);
        json.put("time", "01/01/2026 12:00");

        assertThatThrownBy(() -> codec.decode(json.toString()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("time")
                .hasMessageContaining("01/01/2026 12:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bucket", "etag", "kind", "thumbnail_key", "thumbnail_width", "metadata"})
    void rejects_a_missing_required_data_field_naming_it(String field) {
        ObjectNode json = Golden.tree(MediaProcessedV1.TYPE);
        ((ObjectNode) json.get("data")).remove(field);

        assertThatThrownBy(() -> codec.decode(json.toString()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("missing required data field " + field + " in " + MediaProcessedV1.TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"etag", "derived_bucket", "preview_key", "width", "duration_ms"})
    void rejects_a_preview_ready_event_missing_what_the_catalog_records(String field) {
        ObjectNode json = Golden.tree(PreviewReadyV1.TYPE);
        ((ObjectNode) json.get("data")).remove(field);

        assertThatThrownBy(() -> codec.decode(json.toString()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("missing required data field " + field + " in " + PreviewReadyV1.TYPE);
    }

    @Test
    void rejects_a_required_data_field_sent_as_null() {
        ObjectNode json = Golden.tree(MediaProcessingFailedV1.TYPE);
        ((ObjectNode) json.get("data")).putNull("reason");

        assertThatThrownBy(() -> codec.decode(json.toString()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("missing required data field reason in " + MediaProcessingFailedV1.TYPE);
    }

    @Test
    void names_a_missing_nested_data_field_by_its_path() {
        ObjectNode json = Golden.tree(MediaProcessedV1.TYPE);
        ((ObjectNode) json.get("data").get("metadata")).remove("has_audio");

        assertThatThrownBy(() -> codec.decode(json.toString()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("missing required data field metadata.has_audio in " + MediaProcessedV1.TYPE);
    }

    @Test
    void rejects_a_data_field_of_the_wrong_type() {
        ObjectNode json = Golden.tree(MediaProcessedV1.TYPE);
        ((ObjectNode) json.get("data")).put("thumbnail_width", "640");

        assertThatThrownBy(() -> codec.decode(json.toString()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("invalid data field thumbnail_width in " + MediaProcessedV1.TYPE);
    }

    @Test
    void rejects_data_that_is_not_an_object() {
        ObjectNode json = Golden.tree(MediaProcessedV1.TYPE);
        json.put("data", "{\"bucket\":\"klepp-media\"}");

        assertThatThrownBy(() -> codec.decode(json.toString()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("data of " + MediaProcessedV1.TYPE + " must be an object");
    }
}
