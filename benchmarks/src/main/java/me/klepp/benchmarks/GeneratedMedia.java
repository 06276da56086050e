package me.klepp.benchmarks;

import java.io.InputStream;
import java.util.Random;

/**
 * An MP4 of any size made up on the fly (an {@code ftyp} box, then incompressible bytes), so that gigabytes can
 * be sent without keeping them anywhere.
 */
final class GeneratedMedia extends InputStream {

	private static final byte[] PATTERN = new byte[1024 * 1024 + 7];

	private static final byte[] FTYP = { 0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's',
			'o', 'm', 'i', 's', 'o', '2', 'a', 'v', 'c', '1', 'm', 'p', '4', '1' };

	static {
		new Random(8).nextBytes(PATTERN);
		System.arraycopy(FTYP, 0, PATTERN, 0, FTYP.length);
	}

	private final long size;

	private long position;

	GeneratedMedia(long size) {
		this.size = size;
	}

	@Override
	public int read() {
		if (position >= size) {
			return -1;
		}
		return PATTERN[(int) (position++ % PATTERN.length)] & 0xff;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) {
		if (position >= size) {
			return -1;
		}
		int at = (int) (position % PATTERN.length);
		int n = (int) Math.min(Math.min(length, size - position), PATTERN.length - at);
		System.arraycopy(PATTERN, at, buffer, offset, n);
		position += n;
		return n;
	}

}
