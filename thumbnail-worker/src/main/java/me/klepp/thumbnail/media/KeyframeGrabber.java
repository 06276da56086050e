package me.klepp.thumbnail.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.io.InputStream;
import java.lang.reflect.Field;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * JavaCV's grabber with a seek that stops at the keyframe.
 *
 * <p>JavaCV's own seek ({@code setTimestamp}) goes on decoding from the keyframe up to the exact time asked for: up
 * to a whole group of pictures, and its bytes, per seek (what made a poster cost 3.4 times ffmpeg's). It skips that
 * only when its position already is the target, so the position is set to the target first. It then marks the
 * frame it decoded last as the one the next grab returns; with nothing decoded, that would be the frame from before
 * the seek, so the mark is cleared. Both rely on JavaCV 1.5.13's internals, checked by the tests (poster at a
 * keyframe, bytes read) and, for the field, when this class loads.
 */
final class KeyframeGrabber extends FFmpegFrameGrabber {

    private static final Field FRAME_GRABBED = frameGrabbedField();

    KeyframeGrabber(InputStream input) {
        // a maximum size makes JavaCV give FFmpeg a seek callback; our stream never buffers
        super(input, Integer.MAX_VALUE);
    }

    /** Seeks to the keyframe at or before {@code timestampUs}: the next grab decodes that keyframe. */
    void seekKeyframe(long timestampUs) throws java.lang.Exception { // not JavaCV's nested Exception
        AVFormatContext oc = getFormatContext();
        long start = oc == null || oc.start_time() == AV_NOPTS_VALUE ? 0 : oc.start_time(); // as JavaCV adds it
        timestamp = timestampUs + start;
        setTimestamp(timestampUs, false);
        FRAME_GRABBED.setBoolean(this, false);
    }

    private static Field frameGrabbedField() {
        try {
            Field field = FFmpegFrameGrabber.class.getDeclaredField("frameGrabbed");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this JavaCV has no FFmpegFrameGrabber.frameGrabbed: keyframe seeks need "
                    + "revisiting (see KeyframeGrabber)", e);
        }
    }
}
