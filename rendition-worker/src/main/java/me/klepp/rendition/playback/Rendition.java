package me.klepp.rendition.playback;

import java.nio.file.Path;

/**
 * What plays in browsers: the upload itself ({@code file} null), or the MP4 made of it.
 *
 * @param width      display width of what plays
 * @param height     display height of what plays
 * @param durationUs of what plays; 0 when unknown
 * @param sizeBytes  of the file made; of the source for {@link Decision.Way#ORIGINAL}
 */
public record Rendition(Decision decision, Path file, int width, int height, String videoCodec, long durationUs,
		long sizeBytes) {
}
