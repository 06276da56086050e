package me.klepp.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Fields added to a released version must be optional both ways: what the first producers sent still decodes, and
 * what a new producer sends without them looks exactly like what the first producers sent.
 */
class OptionalFieldsTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void an_event_of_the_first_release_decodes_without_poster_preview_or_rotation() throws IOException {
        MediaProcessedV1 event = (MediaProcessedV1) codec.decode(firstRelease()).data();

        assertThat(event.thumbnailKey()).isEqualTo("alice/2026/01/ShareX_Ab Cdé.mp4.jpg");
        assertThat(event.posterKey()).isNull();
        assertThat(event.posterWidth()).isNull();
        assertThat(event.posterHeight()).isNull();
        assertThat(event.previewKey()).isNull();
        assertThat(event.metadata().rotation()).isNull();
        assertThat(event.metadata().width()).isEqualTo(1920);
    }

    @Test
    void a_new_event_without_the_optional_fields_encodes_as_the_first_release_did() throws IOException {
        var decoded = codec.decode(firstRelease());

        JsonNode reencoded = Golden.JSON.readTree(codec.encode(decoded));

        assertThat(reencoded).isEqualTo(Golden.JSON.readTree(firstRelease()));
    }

    @Test
    void a_regeneration_request_is_for_one_key_or_for_a_prefix_page_by_page() {
        var one = MediaRegenerationRequestedV1.one("klepp-media", "alice/a.mp4", "sizes changed");
        var all = MediaRegenerationRequestedV1.all("klepp-media", null, "sizes changed");

        assertThat(one.bulk()).isFalse();
        assertThat(all.bulk()).isTrue();
        assertThat(all.continueAfter("alice/z.mp4"))
                .isEqualTo(new MediaRegenerationRequestedV1("klepp-media", null, null, "alice/z.mp4", "sizes changed"));
        assertThatThrownBy(() -> one.continueAfter("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new MediaRegenerationRequestedV1("klepp-media", "k", "alice/", null, "r"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MediaRegenerationRequestedV1.one("klepp-media", null, "r"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key is required");
    }

    @Test
    void a_bulk_regeneration_request_round_trips_with_only_the_fields_it_has() {
        var page = MediaRegenerationRequestedV1.all("klepp-media", "bob/", "sizes changed").continueAfter("bob/k.png");
        String json = codec.encode(EventEnvelope.of("/klepp/thumbnail-worker", null, page));

        assertThat(Golden.JSON.readTree(json).get("data").propertyNames())
                .containsExactlyInAnyOrder("bucket", "prefix", "start_after", "reason");
        assertThat(codec.decode(json).data()).isEqualTo(page);
    }

    private static String firstRelease() throws IOException {
        try (InputStream in = OptionalFieldsTest.class
            .getResourceAsStream("/compat/me.klepp.media.processed.v1.first-release.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
