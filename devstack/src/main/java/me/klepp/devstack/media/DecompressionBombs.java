package me.klepp.devstack.media;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Files that are small but huge once decoded, for tests of memory bounds: written row by row, so making one costs
 * the test no more memory than the file itself.
 */
public final class DecompressionBombs {

	private DecompressionBombs() {
	}

	/**
	 * A valid 8-bit RGB PNG of one flat colour: 6300×6300 is about 116 KB as a file and 119 MB as pixels (a plain
	 * {@code ImageIO.read} allocates more still).
	 */
	public static byte[] flatPng(int width, int height) {
		try {
			var file = new ByteArrayOutputStream();
			file.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 });
			var header = new ByteArrayOutputStream();
			var ihdr = new DataOutputStream(header);
			ihdr.writeInt(width);
			ihdr.writeInt(height);
			ihdr.write(new byte[] { 8, 2, 0, 0, 0 }); // 8 bits, truecolour, deflate, no filter method, no interlace
			chunk(file, "IHDR", header.toByteArray());
			var pixels = new ByteArrayOutputStream();
			var deflater = new Deflater(Deflater.BEST_COMPRESSION);
			try (var deflated = new DeflaterOutputStream(pixels, deflater, 64 * 1024)) {
				byte[] row = new byte[1 + 3 * width]; // filter type 0, then a flat grey
				java.util.Arrays.fill(row, 1, row.length, (byte) 0x80);
				for (int y = 0; y < height; y++) {
					deflated.write(row);
				}
			}
			finally {
				deflater.end();
			}
			chunk(file, "IDAT", pixels.toByteArray());
			chunk(file, "IEND", new byte[0]);
			return file.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void chunk(ByteArrayOutputStream file, String type, byte[] data) throws IOException {
		var out = new DataOutputStream(file);
		byte[] name = type.getBytes(StandardCharsets.US_ASCII);
		out.writeInt(data.length);
		out.write(name);
		out.write(data);
		var crc = new CRC32();
		crc.update(name);
		crc.update(data);
		out.writeInt((int) crc.getValue());
	}

}
