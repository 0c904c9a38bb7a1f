package org.jdeep.models.companion;

import org.jdeep.Tensor;

/**
 * Course 1, week 2, programming assignment "Python Basics with Numpy", in jdeep (lectures 2.11-2.16
 * Vectorization, Broadcasting in Python, A note on python or numpy vectors).
 *
 * <p>Each method is the notebook's function of the same name: numpy's element-wise functions are jdeep's
 * {@link Tensor} operations, with the same broadcasting rules. {@code sigmoidDerivative} uses autograd
 * instead of the hand-derived {@code s * (1 - s)}; its test checks the two agree.
 */
public final class NumpyBasicsCompanion {
    private NumpyBasicsCompanion() {
    }

    /**
     * {@code basic_sigmoid(x)}: the sigmoid of one number, {@code 1 / (1 + math.exp(-x))}. In jdeep a number is a
     * rank-0 tensor; {@link #sigmoid(Tensor)} does the same for a whole array at once.
     */
    public static double basicSigmoid(double x) {
        try (Tensor t = Tensor.scalar(x); Tensor s = t.sigmoid()) {
            return s.item();
        }
    }

    /** {@code sigmoid(x)}: {@code 1 / (1 + np.exp(-x))} element by element, any shape. */
    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    /**
     * {@code sigmoid_derivative(x)}: {@code s * (1 - s)} with {@code s = sigmoid(x)}, element by element, here
     * computed by autograd as {@code d sum(sigmoid(x)) / dx} (Course 1, week 3, 3.8 Derivatives of activation
     * functions).
     *
     * @param x a FLOAT64 array of any shape
     * @return the derivative at each element, x's shape
     */
    public static Tensor sigmoidDerivative(Tensor x) {
        try (Tensor leaf = x.requiresGrad(); Tensor s = leaf.sigmoid(); Tensor total = s.sum()) {
            total.backward();
            return leaf.grad().to(leaf.dtype());
        }
    }

    /**
     * {@code image2vector(image)}: an image {@code (length, height, depth)} as a column vector
     * {@code (length * height * depth, 1)}, {@code image.reshape(length * height * depth, 1)}.
     */
    public static Tensor image2vector(Tensor image) {
        return image.reshape(image.size(), 1);
    }

    /**
     * {@code normalize_rows(x)}: each row divided by its Euclidean norm,
     * {@code x / np.linalg.norm(x, axis=1, keepdims=True)} (broadcasting the (n, 1) norms over the columns).
     */
    public static Tensor normalizeRows(Tensor x) {
        try (Tensor sq = x.square(); Tensor sum = sq.sum(1, true); Tensor norm = sum.sqrt()) {
            return x.div(norm);
        }
    }

    /**
     * {@code softmax(x)}: the softmax of each ROW of {@code x (n, m)},
     * {@code np.exp(x) / np.sum(np.exp(x), axis=1, keepdims=True)} (Course 2, week 3, 3.8 Softmax Regression;
     * jdeep subtracts each row's maximum first, which changes nothing but overflow).
     */
    public static Tensor softmax(Tensor x) {
        return x.softmax(1);
    }

    /** {@code L1(yhat, y)}: {@code sum(|y - yhat|)}. */
    public static double L1(Tensor yhat, Tensor y) {
        try (Tensor d = y.sub(yhat); Tensor a = d.abs(); Tensor s = a.sum()) {
            return s.item();
        }
    }

    /** {@code L2(yhat, y)}: {@code sum((y - yhat)^2)}, the notebook's {@code np.dot(y - yhat, y - yhat)}. */
    public static double L2(Tensor yhat, Tensor y) {
        try (Tensor d = y.sub(yhat); Tensor a = d.square(); Tensor s = a.sum()) {
            return s.item();
        }
    }
}
