package org.jdeep.types;

/**
 * The geometry of a sliding 2-D window, for {@code Backend.im2col} and {@code Backend.col2im}: convolution
 * and pooling (Course 4, week 1, 1.4 Padding, 1.5 Strided convolutions, 1.9 Pooling layers), with
 * dilation as in atrous convolution. Padding may differ per side so that "same" padding works for even
 * windows.
 *
 * @param kernelH window height
 * @param kernelW window width
 * @param strideH vertical step
 * @param strideW horizontal step
 * @param padTop rows added above
 * @param padBottom rows added below
 * @param padLeft columns added on the left
 * @param padRight columns added on the right
 * @param dilationH vertical distance between window taps (1 = dense)
 * @param dilationW horizontal distance between window taps (1 = dense)
 */
public record Window2d(int kernelH, int kernelW, int strideH, int strideW, int padTop, int padBottom,
                       int padLeft, int padRight, int dilationH, int dilationW) {

    /** Validates: kernel, stride and dilation positive, padding non-negative. */
    public Window2d {
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1
                || padTop < 0 || padBottom < 0 || padLeft < 0 || padRight < 0) {
            throw new IllegalArgumentException("window " + kernelH + "x" + kernelW + ": kernel, stride and "
                    + "dilation must be >= 1 and padding >= 0, got stride " + strideH + "x" + strideW
                    + ", padding " + padTop + "/" + padBottom + "/" + padLeft + "/" + padRight
                    + ", dilation " + dilationH + "x" + dilationW);
        }
    }

    /** A dense window with equal stride and symmetric padding on both axes. */
    public static Window2d of(int kernelH, int kernelW, int stride, int pad) {
        return new Window2d(kernelH, kernelW, stride, stride, pad, pad, pad, pad, 1, 1);
    }

    /** Output height for input height {@code h}: {@code floor((h + pads - dilation*(k-1) - 1)/stride) + 1}. */
    public int outH(int h) {
        return outSize(h + padTop + padBottom, kernelH, strideH, dilationH);
    }

    /** Output width for input width {@code w}. */
    public int outW(int w) {
        return outSize(w + padLeft + padRight, kernelW, strideW, dilationW);
    }

    private static int outSize(int padded, int k, int stride, int dilation) {
        int span = dilation * (k - 1) + 1;
        return padded < span ? 0 : (padded - span) / stride + 1;
    }
}
