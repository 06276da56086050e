package me.klepp.thumbnail.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Reading back and measuring the pictures the worker makes. */
public final class Images {

    private Images() {
    }

    public static BufferedImage decode(byte[] jpeg) {
        assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8);
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertThat(image).as("decodable JPEG").isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double meanLuma(BufferedImage image) {
        double sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                sum += luma(image.getRGB(x, y));
            }
        }
        return sum / (image.getWidth() * image.getHeight());
    }

    public static double lumaStdDev(BufferedImage image) {
        double mean = meanLuma(image);
        double sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                double d = luma(image.getRGB(x, y)) - mean;
                sum += d * d;
            }
        }
        return Math.sqrt(sum / (image.getWidth() * image.getHeight()));
    }

    /** A picture worth showing: neither dark nor flat. */
    public static void assertNotBlack(BufferedImage image) {
        assertThat(meanLuma(image)).as("mean luma").isGreaterThan(60);
        assertThat(lumaStdDev(image)).as("luma spread").isGreaterThan(15);
    }

    /** Red above 200, green below 60 at (x, y). */
    public static void assertRed(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y);
        assertThat((rgb >> 16) & 0xff).as("red at %d,%d", x, y).isGreaterThan(200);
        assertThat((rgb >> 8) & 0xff).as("green at %d,%d", x, y).isLessThan(60);
    }

    private static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
    }
}
