package me.klepp.devstack.media;

/**
 * Paints a busy, clearly non-uniform test picture into a packed BGR24 buffer: a colour gradient background,
 * a grid, and shapes that move with the frame index (so consecutive video frames differ).
 * Package-private helper of {@link SampleMedia}.
 */
final class TestPattern {

    private final int width;
    private final int height;
    private final byte[] background;

    TestPattern(int width, int height) {
        this.width = width;
        this.height = height;
        this.background = new byte[width * height * 3];
        paintBackground();
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** Fills {@code bgr} (length width*height*3) with all-black pixels. */
    void paintBlack(byte[] bgr) {
        java.util.Arrays.fill(bgr, (byte) 0);
    }

    /** Fills {@code bgr} (length width*height*3) with the picture of frame {@code index} (of {@code count}). */
    void paint(byte[] bgr, int index, int count) {
        System.arraycopy(background, 0, bgr, 0, background.length);
        double t = count <= 1 ? 0.0 : (double) index / (count - 1);
        int unit = Math.max(2, Math.min(width, height) / 8);

        // A vertical bar sweeping left to right.
        int barX = (int) Math.round(t * (width - unit / 2.0));
        fillRect(bgr, barX, 0, Math.max(1, unit / 2), height, 250, 250, 40);

        // A bouncing light square.
        int squareX = (int) Math.round((width - unit) * (0.5 + 0.5 * Math.sin(index * 0.21)));
        int squareY = (int) Math.round((height - unit) * (0.5 + 0.5 * Math.cos(index * 0.17)));
        fillRect(bgr, squareX, squareY, unit, unit, 235, 235, 235);

        // A dark disc orbiting the centre.
        int cx = width / 2 + (int) Math.round(width / 4.0 * Math.cos(index * 0.12));
        int cy = height / 2 + (int) Math.round(height / 4.0 * Math.sin(index * 0.12));
        fillDisc(bgr, cx, cy, unit * 3 / 4, 30, 20, 110);
    }

    private void paintBackground() {
        int cell = Math.max(4, Math.min(width, height) / 12);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                int r = 40 + 200 * x / Math.max(1, width - 1);
                int g = 40 + 180 * y / Math.max(1, height - 1);
                int b = 200 - 160 * (x + y) / Math.max(1, width + height - 2);
                if ((x % cell) == 0 || (y % cell) == 0) {
                    r /= 2;
                    g /= 2;
                    b /= 2;
                }
                background[i] = (byte) b;
                background[i + 1] = (byte) g;
                background[i + 2] = (byte) r;
            }
        }
    }

    private void fillRect(byte[] bgr, int x0, int y0, int w, int h, int r, int g, int b) {
        int x1 = Math.min(width, x0 + w);
        int y1 = Math.min(height, y0 + h);
        for (int y = Math.max(0, y0); y < y1; y++) {
            for (int x = Math.max(0, x0); x < x1; x++) {
                int i = (y * width + x) * 3;
                bgr[i] = (byte) b;
                bgr[i + 1] = (byte) g;
                bgr[i + 2] = (byte) r;
            }
        }
    }

    private void fillDisc(byte[] bgr, int cx, int cy, int radius, int r, int g, int b) {
        int r2 = radius * radius;
        for (int y = Math.max(0, cy - radius); y < Math.min(height, cy + radius + 1); y++) {
            for (int x = Math.max(0, cx - radius); x < Math.min(width, cx + radius + 1); x++) {
                int dx = x - cx;
                int dy = y - cy;
                if (dx * dx + dy * dy <= r2) {
                    int i = (y * width + x) * 3;
                    bgr[i] = (byte) b;
                    bgr[i + 1] = (byte) g;
                    bgr[i + 2] = (byte) r;
                }
            }
        }
    }
}
