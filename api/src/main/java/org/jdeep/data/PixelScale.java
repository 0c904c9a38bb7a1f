package org.jdeep.data;

/**
 * How image loaders ({@link Images}, {@link Idx#readImages}) turn pixel samples into FLOAT32 values.
 *
 * <p>The course standardises its images by dividing by 255 ({@code train_set_x / 255.}, Course 1, week 2,
 * "Logistic Regression with a Neural Network mindset"): {@link #UNIT} does that; {@link #RAW} keeps the
 * stored values, for code that scales on its own.
 */
public enum PixelScale {
    /**
     * Each sample divided by the largest value of its bit depth, giving [0, 1]: by 255 for the usual 8-bit
     * images, by 65535 for 16-bit PNGs.
     */
    UNIT,
    /** Each sample as stored: 0 to 255 for 8-bit images (0 to 65535 for 16-bit PNGs). */
    RAW;

    /** {@code sample} scaled for a sample of {@code bits} bits. */
    float apply(int sample, int bits) {
        return this == RAW ? sample : (float) (sample / (double) ((1L << bits) - 1));
    }
}
