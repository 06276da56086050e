package me.klepp.thumbnail.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameStatsTest {

    private static final int W = 160;
    private static final int H = 90;

    @Test
    void blackWhiteAndFlatPicturesAreNotAcceptable() {
        assertThat(FrameStats.of(filled(0), W, H).nearBlack()).isTrue();
        assertThat(FrameStats.of(filled(16), W, H).acceptable()).isFalse(); // video black after conversion
        assertThat(FrameStats.of(filled(255), W, H).nearWhite()).isTrue();
        FrameStats grey = FrameStats.of(filled(128), W, H);
        assertThat(grey.nearUniform()).isTrue();
        assertThat(grey.acceptable()).isFalse();
    }

    @Test
    void detailedPictureIsAcceptableAndOutscoresADimOne() {
        FrameStats busy = FrameStats.of(checkerboard(40, 220), W, H);
        FrameStats dim = FrameStats.of(checkerboard(20, 45), W, H);

        assertThat(busy.acceptable()).isTrue();
        assertThat(busy.meanLuma()).isBetween(100.0, 160.0);
        assertThat(busy.stdDev()).isGreaterThan(50);
        assertThat(busy.edges()).isGreaterThan(10);
        assertThat(busy.score()).isGreaterThan(dim.score());
    }

    private static byte[] filled(int value) {
        byte[] bgr = new byte[W * H * 3];
        Arrays.fill(bgr, (byte) value);
        return bgr;
    }

    private static byte[] checkerboard(int dark, int light) {
        byte[] bgr = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                byte v = (byte) (((x / 8) + (y / 8)) % 2 == 0 ? dark : light);
                int i = (y * W + x) * 3;
                bgr[i] = v;
                bgr[i + 1] = v;
                bgr[i + 2] = v;
            }
        }
        return bgr;
    }
}
