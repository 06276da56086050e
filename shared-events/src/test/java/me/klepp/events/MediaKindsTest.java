package me.klepp.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one rule of what can be a klepp file, shared by the ingestor (registers) and the worker (processes). */
class MediaKindsTest {

    @ParameterizedTest(name = "{0} ({1}) -> {2}")
    @CsvSource(nullValues = "-", value = {
        "alice/clip.mp4,            video/mp4,                video",
        "alice/clip.bin,            video/quicktime,          video",
        "alice/ShareX_Ab Cd é.PNG,  -,                        image",
        "alice/shot.webp,           application/octet-stream, image",
        "alice/shot,                image/png,                image",
        "alice/page.html,           text/html,                -",
        "alice/notes,               application/octet-stream, -",
        "alice/notes,               -,                        -",
        "alice/folder/,             image/png,                -",
        "x/,                        application/x-directory,  -",
        "alice/.mp4.txt,            text/plain,               -",
    })
    void objects_are_media_by_type_else_by_extension_and_folder_markers_never(String key, String contentType,
            String kind) {
        assertThat(MediaKinds.of(key, contentType)).isEqualTo(java.util.Optional.ofNullable(kind));
    }
}
