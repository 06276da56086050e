package me.klepp.rendition.playback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether an MP4/QuickTime file has its index ({@code moov}) before its media data ({@code mdat}): read from the
 * top-level boxes, a few bytes each, never the media itself. A browser must fetch an index-last file to its end
 * before the first frame.
 */
final class IndexPosition {

	private IndexPosition() {
	}

	/** False for files that are not ISO-BMFF or have no {@code moov} before the first {@code mdat}. */
	static boolean indexFirst(Path file) {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			long position = 0;
			ByteBuffer header = ByteBuffer.allocate(16);
			while (position + 8 <= size) {
				header.clear();
				channel.read(header, position);
				header.flip();
				if (header.remaining() < 8) {
					return false;
				}
				long boxSize = Integer.toUnsignedLong(header.getInt());
				String type = new String(new byte[] { header.get(), header.get(), header.get(), header.get() },
						java.nio.charset.StandardCharsets.ISO_8859_1);
				if (boxSize == 1 && header.remaining() >= 8) {
					boxSize = header.getLong();
				}
				else if (boxSize == 0) {
					boxSize = size - position;
				}
				if (type.equals("moov")) {
					return true;
				}
				if (type.equals("mdat") || boxSize < 8) {
					return false;
				}
				position += boxSize;
			}
			return false;
		}
		catch (IOException e) {
			return false;
		}
	}

}
