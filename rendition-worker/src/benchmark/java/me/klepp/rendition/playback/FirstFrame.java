package me.klepp.rendition.playback;

import java.nio.file.Path;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * What a browser must have fetched of a file before it can show the first frame: everything up to the end of the
 * first video packet. In an MP4 with the index first that is the index and the first frame's bytes; with the index
 * last it is (nearly) the whole file, since the index says where the frames are.
 */
final class FirstFrame {

	private FirstFrame() {
	}

	static long bytesBefore(Path file, SourceProbe probe) throws Exception {
		if (probe.isoBmff() && !probe.indexFirst()) {
			return java.nio.file.Files.size(file);
		}
		try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
			grabber.start(false);
			int video = grabber.getVideoStream();
			AVPacket packet;
			while ((packet = grabber.grabPacket()) != null) {
				if (packet.stream_index() == video && packet.pos() >= 0) {
					return packet.pos() + packet.size();
				}
			}
			throw new IllegalStateException(file + " has no video packet");
		}
	}

}
