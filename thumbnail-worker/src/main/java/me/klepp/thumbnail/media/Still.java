package me.klepp.thumbnail.media;

/** A JPEG picture and its size. */
public record Still(byte[] jpeg, int width, int height) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Still other && java.util.Arrays.equals(jpeg, other.jpeg) && width == other.width
                && height == other.height;
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(jpeg) + 31 * width + height;
    }

    @Override
    public String toString() {
        return "Still[" + width + "x" + height + ", " + jpeg.length + " bytes]";
    }
}
