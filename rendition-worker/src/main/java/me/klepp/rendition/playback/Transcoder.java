package me.klepp.rendition.playback;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P10LE;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Encodes a video again as H.264 4:2:0 8-bit + AAC in an MP4 with the index first: the picture turned upright (no
 * rotation left for a player to apply), HDR tone-mapped to SDR, the shorter side at most {@code maxLines} (never
 * upscaled, even dimensions), the frame rate at most {@code maxFps}; audio re-encoded alongside, in sync.
 */
final class Transcoder {

	private final RenditionProperties properties;

	Transcoder(RenditionProperties properties) {
		this.properties = properties;
	}

	/** The picture size of the transcode of this source: rotation applied, capped, even. */
	Size outputSize(SourceProbe probe) {
		int width = probe.displayWidth();
		int height = probe.displayHeight();
		double scale = Math.min(1.0, properties.maxLines() / (double) Math.min(width, height));
		return new Size(even(width * scale), even(height * scale));
	}

	double outputFps(SourceProbe probe) {
		double fps = probe.fps() > 0 ? probe.fps() : 30;
		return Math.min(fps, properties.maxFps());
	}

	void transcode(Path source, SourceProbe probe, Path target, TimeLimit limit) throws RenditionException {
		Size size = outputSize(probe);
		double fps = outputFps(probe);
		try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile())) {
			grabber.setOption("protocol_whitelist", "file");
			// 10-bit stays 10-bit until the tone mapping; everything else is decoded straight to 8-bit 4:2:0
			int decodedFormat = probe.hdr() ? AV_PIX_FMT_YUV420P10LE : AV_PIX_FMT_YUV420P;
			grabber.setPixelFormat(decodedFormat);
			grabber.start();
			try (FFmpegFrameFilter filter = new FFmpegFrameFilter(filters(probe, size, fps), grabber.getImageWidth(),
					grabber.getImageHeight());
					FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), size.width(),
							size.height(), grabber.getAudioChannels())) {
				filter.setPixelFormat(decodedFormat);
				filter.setFrameRate(grabber.getFrameRate() > 0 ? grabber.getFrameRate() : fps);
				filter.start();
				configure(recorder, grabber, size, fps);
				recorder.start();
				Frame frame;
				while ((frame = grabber.grab()) != null) {
					limit.check();
					if (frame.image != null) {
						filter.push(frame, decodedFormat);
						record(filter, recorder);
					}
					else if (frame.samples != null) {
						recorder.record(frame);
					}
				}
				filter.push(null);
				record(filter, recorder);
				recorder.stop();
				filter.stop();
			}
			grabber.stop();
		}
		catch (FrameGrabber.Exception | FrameRecorder.Exception | FrameFilter.Exception e) {
			throw new RenditionException("transcoding failed: " + e.getMessage(), e);
		}
	}

	private static void record(FFmpegFrameFilter filter, FFmpegFrameRecorder recorder)
			throws FrameFilter.Exception, FrameRecorder.Exception {
		Frame out;
		while ((out = filter.pull()) != null) {
			if (out.image == null) {
				continue;
			}
			// the recorder numbers frames at its frame rate: keep each frame at its own time (variable frame
			// rates, dropped frames), never going back
			if (out.timestamp > recorder.getTimestamp()) {
				recorder.setTimestamp(out.timestamp);
			}
			recorder.record(out, AV_PIX_FMT_YUV420P);
		}
	}

	private void configure(FFmpegFrameRecorder recorder, FFmpegFrameGrabber grabber, Size size, double fps) {
		recorder.setFormat("mp4");
		recorder.setOption("movflags", "+faststart");
		recorder.setVideoCodecName(properties.videoEncoder());
		recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
		recorder.setFrameRate(fps);
		recorder.setGopSize(gopSize(fps));
		long bitrate = videoBitrate(size, fps);
		if (properties.x264()) {
			// quality first (CRF), with a cap so a noisy clip does not come out larger than its source
			recorder.setVideoOptions(x264Options(bitrate));
		}
		else {
			recorder.setVideoBitrate((int) bitrate);
		}
		if (grabber.getAudioChannels() > 0) {
			recorder.setAudioCodec(AV_CODEC_ID_AAC);
			recorder.setAudioChannels(grabber.getAudioChannels());
			recorder.setSampleRate(grabber.getSampleRate());
			recorder.setAudioBitrate(properties.audioBitrate());
		}
	}

	/** libx264's cap, OpenH264's target: {@code bitsPerPixel} per pixel and frame, at least 200 kbit/s. */
	long videoBitrate(Size size, double fps) {
		return Math.min(Integer.MAX_VALUE, Math.max(200_000,
				Math.round(size.width() * (double) size.height() * fps * properties.bitsPerPixel())));
	}

	/** Frames from one keyframe to the next: two seconds, so a browser can seek without decoding far. */
	static int gopSize(double fps) {
		return (int) Math.max(1, Math.round(fps * 2));
	}

	/**
	 * libx264's settings, the same as the CLI's {@code -preset … -crf … -maxrate … -bufsize … -profile:v high}
	 * (the benchmark runs the CLI with these).
	 */
	java.util.Map<String, String> x264Options(long bitrate) {
		java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
		options.put("preset", properties.preset());
		options.put("crf", Integer.toString(properties.crf()));
		options.put("maxrate", Long.toString(bitrate));
		options.put("bufsize", Long.toString(2 * bitrate));
		options.put("profile", "high");
		return options;
	}

	/** The filter graph: tone mapping, rotation, frame rate, size, in that order. */
	String filters(SourceProbe probe, Size size, double fps) {
		List<String> chain = new ArrayList<>();
		if (probe.hdr()) {
			// The decoded frames carry no colour tags into the graph: every input property is named. zimg wants
			// matrix, transfer and primaries changed in one step into linear RGB, then the tone mapping, then BT.709.
			chain.add("zscale=tin=" + probe.transfer() + ":min=bt2020nc:pin=bt2020:rin=tv:t=linear:npl=100:p=bt709:m=gbr");
			chain.add("format=gbrpf32le");
			chain.add("tonemap=tonemap=hable:desat=0");
			chain.add("zscale=tin=linear:t=bt709:m=bt709:r=tv");
		}
		switch (probe.rotation()) {
			case 90 -> chain.add("transpose=clock");
			case 180 -> chain.add("hflip,vflip");
			case 270 -> chain.add("transpose=cclock");
			default -> {
			}
		}
		if (probe.fps() > fps) {
			chain.add("fps=" + fps);
		}
		chain.add("scale=" + size.width() + ":" + size.height() + ":flags=bicubic");
		chain.add("setsar=1");
		chain.add("format=yuv420p");
		return String.join(",", chain);
	}

	private static int even(double pixels) {
		int rounded = (int) Math.round(pixels);
		return Math.max(2, rounded - rounded % 2);
	}

	record Size(int width, int height) {
	}

}
