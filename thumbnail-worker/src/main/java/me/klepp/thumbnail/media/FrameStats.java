package me.klepp.thumbnail.media;

/**
 * Brightness and detail of one picture, measured on a small grayscale downscale (at most
 * {@value #GRID} x {@value #GRID} samples), used to pick a representative video frame.
 *
 * @param meanLuma mean luma, 0..255
 * @param stdDev   standard deviation of the luma
 * @param edges    mean absolute luma difference between neighbouring samples (detail / edge content)
 */
record FrameStats(double meanLuma, double stdDev, double edges) {

    static final int GRID = 64;

    static final double NEAR_BLACK = 24;
    static final double NEAR_WHITE = 232;
    static final double NEAR_UNIFORM = 8;

    /** Measures a packed 3-byte BGR picture. */
    static FrameStats of(byte[] bgr, int width, int height) {
        int cols = Math.min(GRID, width);
        int rows = Math.min(GRID, height);
        double[] luma = new double[cols * rows];
        for (int r = 0; r < rows; r++) {
            int y0 = r * height / rows;
            int y1 = Math.max(y0 + 1, (r + 1) * height / rows);
            for (int c = 0; c < cols; c++) {
                int x0 = c * width / cols;
                int x1 = Math.max(x0 + 1, (c + 1) * width / cols);
                // box average of the cell (at most a few hundred pixels for thumbnail-sized input)
                long sum = 0;
                int n = 0;
                for (int y = y0; y < y1; y += Math.max(1, (y1 - y0) / 4)) {
                    for (int x = x0; x < x1; x += Math.max(1, (x1 - x0) / 4)) {
                        int i = (y * width + x) * 3;
                        // Rec. 601 luma in fixed point: 0.114 B + 0.587 G + 0.299 R
                        sum += (29 * (bgr[i] & 0xff) + 150 * (bgr[i + 1] & 0xff) + 77 * (bgr[i + 2] & 0xff)) >> 8;
                        n++;
                    }
                }
                luma[r * cols + c] = (double) sum / n;
            }
        }
        double mean = 0;
        for (double l : luma) {
            mean += l;
        }
        mean /= luma.length;
        double var = 0;
        for (double l : luma) {
            var += (l - mean) * (l - mean);
        }
        double edgeSum = 0;
        int edgeCount = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double l = luma[r * cols + c];
                if (c + 1 < cols) {
                    edgeSum += Math.abs(l - luma[r * cols + c + 1]);
                    edgeCount++;
                }
                if (r + 1 < rows) {
                    edgeSum += Math.abs(l - luma[(r + 1) * cols + c]);
                    edgeCount++;
                }
            }
        }
        return new FrameStats(mean, Math.sqrt(var / luma.length), edgeCount == 0 ? 0 : edgeSum / edgeCount);
    }

    boolean nearBlack() {
        return meanLuma < NEAR_BLACK;
    }

    boolean nearWhite() {
        return meanLuma > NEAR_WHITE;
    }

    boolean nearUniform() {
        return stdDev < NEAR_UNIFORM;
    }

    /** Usable as a thumbnail: not (nearly) black, white or a flat colour. */
    boolean acceptable() {
        return !nearBlack() && !nearWhite() && !nearUniform();
    }

    /**
     * Higher is better: contrast and detail, damped for very dark or very bright pictures. Also ranks
     * unacceptable frames, for the fallback when every candidate is poor.
     */
    double score() {
        double exposure;
        if (meanLuma < 60) {
            exposure = 0.3 + 0.7 * meanLuma / 60;
        } else if (meanLuma > 200) {
            exposure = 0.3 + 0.7 * (255 - meanLuma) / 55;
        } else {
            exposure = 1;
        }
        return (stdDev + 2 * edges) * Math.max(0.05, exposure);
    }
}
