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

	static void remux(Path source, SourceProbe probe, Path target, TimeLimit limit) throws RenditionException {
		try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile())) {
			grabber.setOption("protocol_whitelist", "file");
			grabber.start();
			try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), grabber.getImageWidth(),
					grabber.getImageHeight(), grabber.getAudioChannels())) {
				recorder.setFormat("mp4");
				// a second pass moves the index before the media data: playback starts after the first bytes
				recorder.setOption("movflags", "+faststart");
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
