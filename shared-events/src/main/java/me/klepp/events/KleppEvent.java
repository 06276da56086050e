package me.klepp.events;

/**
 * An event klepp services exchange. Each implementation is one version of one event: a past-tense record
 * carrying ids, with a {@code public static final String TYPE} naming it on the wire. A new version is a new
 * record (…V2) next to the old one, so consumers can keep reading what producers still send.
 */
public sealed interface KleppEvent permits MediaProcessedV1, MediaProcessingFailedV1,
        MediaRegenerationRequestedV1, RenditionReadyV1, RenditionFailedV1, PreviewReadyV1,
        RenditionProgressedV1 {
}
