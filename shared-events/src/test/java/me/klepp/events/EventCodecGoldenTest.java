package me.klepp.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecGoldenTest {

    /** What each golden file must decode to; a new event version needs an entry here and a golden file. */
    private static final Map<String, EventEnvelope<?>> EXPECTED = Map.of(
            MediaProcessedV1.TYPE, new EventEnvelope<>(
                    "7d9f3c2a-4b1e-4f6a-9c8d-2e5b7a1f0c3d",
                    "/klepp/thumbnail-worker",
                    MediaProcessedV1.TYPE,
                    Instant.parse("2026-01-01T12:00:00Z"),
                    "alice/2026/01/ShareX_Ab Cdé.mp4",
                    new MediaProcessedV1(
                            "klepp-media",
                            "alice/2026/01/ShareX_Ab Cdé.mp4",
                            "d41d8cd98f00b204e9800998ecf8427e",
                            1_048_576L,
                            MediaProcessedV1.VIDEO,
                            "klepp-thumbnails",
                            "alice/2026/01/ShareX_Ab Cdé.mp4.jpg",
                            640,
                            360,
                            new MediaMetadata(93_500L, 1920, 1080, "h264", 59.94, true, 8_000_000L, 0),
                            "alice/2026/01/ShareX_Ab Cdé.mp4/poster.jpg",
                            1280,
                            720,
                            "alice/2026/01/ShareX_Ab Cdé.mp4/preview.mp4")),
            MediaProcessingFailedV1.TYPE, new EventEnvelope<>(
                    "0b6e2f47-91c3-4d58-a7e2-5f13c9d8b46a",
                    "/klepp/metadata-ingestor",
                    MediaProcessingFailedV1.TYPE,
                    Instant.parse("2026-01-01T12:00:05.250Z"),
                    "bob/2026/01/notes.txt",
                    new MediaProcessingFailedV1(
                            "klepp-media",
                            "bob/2026/01/notes.txt",
                            "0cc175b9c0f1b6a831c399e269772661-3",
                            "not a video or image: text/plain")),
            MediaRegenerationRequestedV1.TYPE, new EventEnvelope<>(
                    "3c1d8e52-6a0f-4b7e-9d21-8f4a5c6b7e90",
                    "/klepp/api",
                    MediaRegenerationRequestedV1.TYPE,
                    Instant.parse("2026-01-02T08:30:00Z"),
                    "alice/2026/01/ShareX_Ab Cdé.mp4",
                    MediaRegenerationRequestedV1.one(
                            "klepp-media",
                            "alice/2026/01/ShareX_Ab Cdé.mp4",
                            "requested by moderator carol")),
            RenditionReadyV1.TYPE, new EventEnvelope<>(
                    "5e2a9c14-7b3d-4e8f-a061-c9d2b4f7e813",
                    "/klepp/rendition-worker",
                    RenditionReadyV1.TYPE,
                    Instant.parse("2026-01-01T12:01:30Z"),
                    "alice/2026/01/OBS 2026-01-01 12-00-00.mkv",
                    new RenditionReadyV1(
                            "klepp-media",
                            "alice/2026/01/OBS 2026-01-01 12-00-00.mkv",
                            "9b2cf535f27731c974343645a3985328-12",
                            RenditionReadyV1.TRANSCODE,
                            "hevc main 10 (yuv420p10le) in matroska",
                            "klepp-media-derived",
                            "alice/2026/01/OBS 2026-01-01 12-00-00.mkv/playable.mp4",
                            48_234_112L,
                            1920,
                            1080,
                            "h264",
                            30_017L)),
            RenditionFailedV1.TYPE, new EventEnvelope<>(
                    "a4f07d3e-2c91-4b6a-8e5f-17d0c3b92a64",
                    "/klepp/rendition-worker",
                    RenditionFailedV1.TYPE,
                    Instant.parse("2026-01-01T12:20:00Z"),
                    "bob/2026/01/long.mov",
                    new RenditionFailedV1(
                            "klepp-media",
                            "bob/2026/01/long.mov",
                            "0cc175b9c0f1b6a831c399e269772661",
                            "transcode ran past its time limit of 20 min (gave up after 3 attempts)")),
            PreviewReadyV1.TYPE, new EventEnvelope<>(
                    "c81e728d-9d4c-4f2a-b5e3-6a1f0d7e92b4",
                    "/klepp/thumbnail-worker",
                    PreviewReadyV1.TYPE,
                    Instant.parse("2026-01-01T12:00:01.500Z"),
                    "alice/2026/01/ShareX_Ab Cdé.mp4",
                    new PreviewReadyV1(
                            "klepp-media",
                            "alice/2026/01/ShareX_Ab Cdé.mp4",
                            "d41d8cd98f00b204e9800998ecf8427e",
                            "klepp-media-derived",
                            "alice/2026/01/ShareX_Ab Cdé.mp4/preview.mp4",
                            480,
                            270,
                            3_000L)),
            RenditionProgressedV1.TYPE, new EventEnvelope<>(
                    "5e0b3c1a-7d2f-4a8e-9b6c-3f1e2d4a5b6c",
                    "/klepp/rendition-worker",
                    RenditionProgressedV1.TYPE,
                    Instant.parse("2026-01-01T12:05:00Z"),
                    "alice/2026/01/OBS 2026-01-01 12-00-00.mkv",
                    new RenditionProgressedV1(
                            "klepp-media",
                            "alice/2026/01/OBS 2026-01-01 12-00-00.mkv",
                            "9e107d9d372bb6826bd81d3542a419d6",
                            40)));

    private final EventCodec codec = new EventCodec();

    static List<String> eventTypes() {
        return Golden.eventTypes();
    }

    @Test
    void finds_every_event_type() {
        assertThat(eventTypes()).containsExactlyInAnyOrder(MediaProcessedV1.TYPE, MediaProcessingFailedV1.TYPE,
                MediaRegenerationRequestedV1.TYPE, RenditionReadyV1.TYPE, RenditionFailedV1.TYPE, PreviewReadyV1.TYPE,
                RenditionProgressedV1.TYPE);
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void every_event_type_has_a_golden_file(String type) {
        assertThat(Golden.exists(type))
                .as("golden file src/test/resources%s for %s", Golden.path(type), type)
                .isTrue();
        assertThat(EXPECTED).as("expected decoding of %s", type).containsKey(type);
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void decodes_golden_file_to_expected_event(String type) {
        assertThat(codec.decode(Golden.json(type))).isEqualTo(EXPECTED.get(type));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void encodes_decoded_golden_file_back_to_the_same_json(String type) {
        String reencoded = codec.encode(codec.decode(Golden.json(type)));

        assertThat(Golden.JSON.readTree(reencoded)).isEqualTo(Golden.tree(type));
    }
}
