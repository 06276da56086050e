package me.klepp.rendition.playback;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_profile_name;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_ARIB_STD_B67;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_SMPTE2084;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;

import java.nio.file.Path;
import java.util.Locale;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/** Reads a {@link SourceProbe} from a file with FFmpeg: only headers and the index, no decoding. */
final class Probes {

	private Probes() {
	}

	static SourceProbe probe(Path file) throws RenditionException {
		try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
			grabber.setOption("protocol_whitelist", "file");
			try {
				grabber.start(); // with the stream info: the pixel format is only known after it
			}
			catch (FrameGrabber.Exception e) {
				// FFmpeg's message names the worker's temporary file: nothing for the catalog
				throw new RenditionException("not a video FFmpeg can open", e);
			}
			AVFormatContext format = grabber.getFormatContext();
			AVCodecParameters video = null;
			String audioCodec = null;
			for (int i = 0; i < format.nb_streams(); i++) {
				AVCodecParameters codec = format.streams(i).codecpar();
				boolean cover = (format.streams(i).disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0;
				if (video == null && codec.codec_type() == AVMEDIA_TYPE_VIDEO && !cover) {
					video = codec;
				}
				else if (audioCodec == null && codec.codec_type() == AVMEDIA_TYPE_AUDIO) {
					audioCodec = name(avcodec_get_name(codec.codec_id()));
				}
			}
			if (video == null || video.width() <= 0 || video.height() <= 0) {
				throw new RenditionException("no video stream");
			}
			AVPixFmtDescriptor pixels = av_pix_fmt_desc_get(video.format());
			int bitDepth = pixels == null ? 8 : pixels.comp(0).depth();
			boolean chroma420 = pixels != null && pixels.log2_chroma_w() == 1 && pixels.log2_chroma_h() == 1;
			String container = grabber.getFormat() == null ? "" : grabber.getFormat();
			String brand = grabber.getMetadata("major_brand");
			boolean quickTime = brand != null && brand.trim().toLowerCase(Locale.ROOT).equals("qt");
			SourceProbe probe = new SourceProbe(container, quickTime, IndexPosition.indexFirst(file),
					name(avcodec_get_name(video.codec_id())), name(avcodec_profile_name(video.codec_id(), video.profile())),
					name(av_get_pix_fmt_name(video.format())), bitDepth, chroma420, transfer(video.color_trc()),
					clockwise(grabber.getDisplayRotation()), video.width(), video.height(),
					finite(grabber.getVideoFrameRate()), Math.max(0, grabber.getLengthInTime()), audioCodec);
			grabber.stop();
			return probe;
		}
		catch (FrameGrabber.Exception e) {
			throw new RenditionException("reading the video failed: " + e.getMessage());
		}
	}

	private static String transfer(int trc) {
		if (trc == AVCOL_TRC_SMPTE2084) {
			return SourceProbe.PQ;
		}
		return trc == AVCOL_TRC_ARIB_STD_B67 ? SourceProbe.HLG : null;
	}

	/** av_display_rotation_get gives counterclockwise degrees; players turn clockwise by its negation. */
	static int clockwise(double counterclockwise) {
		if (Double.isNaN(counterclockwise) || Double.isInfinite(counterclockwise)) {
			return 0;
		}
		return Math.floorMod((int) Math.round(-counterclockwise / 90.0) * 90, 360);
	}

	private static double finite(double value) {
		return Double.isFinite(value) && value > 0 ? value : 0;
	}

	private static String name(BytePointer pointer) {
		return pointer == null || pointer.isNull() ? null : pointer.getString();
	}

}
