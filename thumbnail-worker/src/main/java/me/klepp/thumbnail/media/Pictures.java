package me.klepp.thumbnail.media;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.bytedeco.javacv.Frame;

/** Picture helpers: grabbed frame to Java2D image, rotation, scaling, JPEG encoding. */
final class Pictures {

    static final float JPEG_QUALITY = 0.85f;

    private Pictures() {
    }

    /**
     * Copies a grabbed 4-channel BGRA frame into a new 3-byte BGR image, compositing transparent pixels over white
     * (the grabber reuses the frame's buffer, so the copy must be taken before the next grab).
     */
    static BufferedImage copyBgra(Frame frame) {
        if (frame.imageChannels != 4 || frame.imageDepth != Frame.DEPTH_UBYTE) {
            throw new IllegalArgumentException("expected an 8-bit BGRA frame, got " + frame.imageChannels
                    + " channels of depth " + frame.imageDepth);
        }
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        int stride = frame.imageStride; // in bytes for DEPTH_UBYTE
        ByteBuffer src = ((ByteBuffer) frame.image[0]).duplicate();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] row = new byte[w * 4];
        for (int y = 0; y < h; y++) {
            src.position(y * stride);
            src.get(row, 0, row.length);
            int o = y * w * 3;
            for (int x = 0; x < w; x++) {
                int i = x * 4;
                int a = row[i + 3] & 0xff;
                if (a == 255) {
                    dst[o++] = row[i];
                    dst[o++] = row[i + 1];
                    dst[o++] = row[i + 2];
                } else {
                    int white = 255 * (255 - a);
                    dst[o++] = (byte) (((row[i] & 0xff) * a + white) / 255);
                    dst[o++] = (byte) (((row[i + 1] & 0xff) * a + white) / 255);
                    dst[o++] = (byte) (((row[i + 2] & 0xff) * a + white) / 255);
                }
            }
        }
        return image;
    }

    static byte[] bgr(BufferedImage image) {
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }

    /** Rotates a 3-byte BGR image clockwise by 0, 90, 180 or 270 degrees. */
    static BufferedImage rotateClockwise(BufferedImage src, int degrees) {
        int turns = Math.floorMod(Math.round(degrees / 90f), 4);
        if (turns == 0) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        int dw = turns == 2 ? w : h;
        int dh = turns == 2 ? h : w;
        BufferedImage dst = new BufferedImage(dw, dh, BufferedImage.TYPE_3BYTE_BGR);
        byte[] s = bgr(src);
        byte[] d = bgr(dst);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int dx;
                int dy;
                switch (turns) {
                    case 1 -> { dx = h - 1 - y; dy = x; }
                    case 2 -> { dx = w - 1 - x; dy = h - 1 - y; }
                    default -> { dx = y; dy = w - 1 - x; }
                }
                int si = (y * w + x) * 3;
                int di = (dy * dw + dx) * 3;
                d[di] = s[si];
                d[di + 1] = s[si + 1];
                d[di + 2] = s[si + 2];
            }
        }
        return dst;
    }

    /**
     * Scales a 3-byte BGR image down to {@code width}x{@code height} (returned as is when it has that size).
     * Bilinear steps of at most half the size each, so that no source pixel is skipped (a single bilinear step
     * from 1280 to 480 px would alias fine detail such as HUD text).
     */
    static BufferedImage scaleDown(BufferedImage src, int width, int height) {
        BufferedImage current = src;
        while (current.getWidth() != width || current.getHeight() != height) {
            int w = Math.max(width, current.getWidth() / 2);
            int h = Math.max(height, current.getHeight() / 2);
            BufferedImage next = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            java.awt.Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                        java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(current, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            current = next;
        }
        return current;
    }

    static byte[] jpeg(BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no JPEG writer in this JRE");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
