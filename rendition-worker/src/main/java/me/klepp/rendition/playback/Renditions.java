package me.klepp.rendition.playback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes an upload playable in every browser: probes it, decides by {@link PlaybackPolicy}, remuxes or transcodes
 * it when needed, and checks that what it made is what browsers play (H.264 4:2:0 8-bit, index first).
 */
public final class Renditions {

	private final Transcoder transcoder;

	private final RenditionProperties properties;

	public Renditions(RenditionProperties properties) {
		this.properties = properties;
		this.transcoder = new Transcoder(properties);
	}

	/**
	 * @param source the upload, as a local file
	 * @param target where an MP4 is written when one is needed (replaced if it exists)
	 */
	public Rendition make(Path source, Path target) throws RenditionException {
		return make(source, target, percent -> {
		});
	}

	/**
	 * As {@link #make(Path, Path)}; a transcode tells {@code progress} how much of the clip it has done (0 to 100),
	 * now and then.
	 */
	public Rendition make(Path source, Path target, java.util.function.IntConsumer progress) throws RenditionException {
		SourceProbe probe = Probes.probe(source);
		Decision decision = PlaybackPolicy.decide(probe);
		TimeLimit limit = TimeLimit.start(properties.timeLimit(probe.durationUs()));
		switch (decision.way()) {
			case ORIGINAL -> {
				return new Rendition(decision, null, probe.displayWidth(), probe.displayHeight(), probe.videoCodec(),
						probe.durationUs(), size(source));
			}
			case REMUX -> Remuxer.remux(source, probe, target, limit);
			case TRANSCODE -> transcoder.transcode(source, probe, target, limit, progress);
		}
		SourceProbe made = Probes.probe(target);
		Decision check = PlaybackPolicy.decide(made);
		if (check.way() != Decision.Way.ORIGINAL) {
			throw new RenditionException("the " + decision.way().name().toLowerCase() + " made " + check.reason());
		}
		return new Rendition(decision, target, made.displayWidth(), made.displayHeight(), made.videoCodec(),
				made.durationUs(), size(target));
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
