package me.klepp.rendition.playback;

import java.nio.file.Path;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Copies web-safe streams, packet by packet and without decoding, into an MP4 whose index comes first: as fast as
 * reading and writing the file, and the picture is bit for bit the upload's.
 */
final class Remuxer {

	private Remuxer() {
	}

	/** Index bytes reserved per packet: MP4's sample tables take about 15 (measured on 1 GiB of 1080p60). */
	private static final int INDEX_BYTES_PER_PACKET = 48;

	private static final int INDEX_BYTES_AT_LEAST = 64 * 1024;

	static void remux(Path source, SourceProbe probe, Path target, TimeLimit limit) throws RenditionException {
		remux(source, probe, target, limit, indexReserve(probe));
	}

	/**
	 * The index written first, into {@code indexReserve} bytes kept for it: no second pass over the whole file to
	 * move it there. Should it not fit (the reserve is an estimate from the probe), faststart's second pass moves it.
	 */
	static void remux(Path source, SourceProbe probe, Path target, TimeLimit limit, long indexReserve)
			throws RenditionException {
		try {
			write(source, probe, target, limit, indexReserve);
			// the box order alone says it; Renditions probes the finished file once, afterwards
			if (IndexPosition.indexFirst(target)) {
				return;
			}
		}
		catch (RenditionException e) {
			if (e.isRetryable()) {
				throw e;
			}
		}
		write(source, probe, target, limit, 0);
	}

	/** Bytes to keep for the index before the media data: generous, a few hundred KiB for a GiB of video. */
	static long indexReserve(SourceProbe probe) {
		double seconds = Math.max(0, probe.durationUs()) / 1e6;
		double packetsPerSecond = Math.max(probe.fps(), 1) + (probe.hasAudio() ? 48_000 / 1024.0 : 0);
		return INDEX_BYTES_AT_LEAST + Math.round(seconds * packetsPerSecond * INDEX_BYTES_PER_PACKET);
	}

	/** @param indexReserve bytes kept for the index at the front; 0: moved there after writing (faststart) */
	private static void write(Path source, SourceProbe probe, Path target, TimeLimit limit, long indexReserve)
			throws RenditionException {
		try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile())) {
			grabber.setOption("protocol_whitelist", "file");
			grabber.start();
			try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), grabber.getImageWidth(),
					grabber.getImageHeight(), grabber.getAudioChannels())) {
				recorder.setFormat("mp4");
				// the index before the media data: playback starts after the first bytes
				if (indexReserve > 0) {
					recorder.setOption("moov_size", Long.toString(indexReserve));
				}
				else {
					recorder.setOption("movflags", "+faststart");
				}
				recorder.setFrameRate(grabber.getFrameRate());
				recorder.setSampleRate(grabber.getSampleRate());
				recorder.setVideoCodec(grabber.getVideoCodec());
				recorder.setAudioCodec(grabber.getAudioCodec());
				if (probe.rotation() != 0) {
					recorder.setDisplayRotation(-probe.rotation()); // counterclockwise, as the display matrix says
				}
				AVFormatContext input = grabber.getFormatContext();
				for (int i = 0; i < input.nb_streams(); i++) {
					input.streams(i).codecpar().codec_tag(0); // Matroska's and QuickTime's tags mean nothing to MP4
				}
				recorder.start(input);
				AVPacket packet;
				while ((packet = grabber.grabPacket()) != null) {
					limit.check();
					recorder.recordPacket(packet);
				}
				recorder.stop();
			}
			grabber.stop();
		}
		catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
			throw new RenditionException("remuxing failed: " + e.getMessage(), e);
		}
	}

}
