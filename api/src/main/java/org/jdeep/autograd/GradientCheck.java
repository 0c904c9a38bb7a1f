package org.jdeep.autograd;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jdeep.Autograd;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.types.DType;
import org.jdeep.types.Shape;

/**
 * Gradient checking (Course 2, week 1, 1.12 Numerical approximation of gradients, 1.13 Gradient checking, 1.14
 * Gradient checking implementation notes): compares the gradients that back-propagation computes with two-sided
 * differences of the cost,
 * <pre>
 * dtheta_approx[i] = (J(theta + eps e_i) - J(theta - eps e_i)) / (2 eps)
 * difference       = ||dtheta - dtheta_approx||_2 / (||dtheta||_2 + ||dtheta_approx||_2)
 * </pre>
 * taken over every element of every parameter as one long vector, exactly as the course's {@code gradient_check_n}
 * does. The course reads the difference as: about 1e-7, great; 1e-5, look closer; 1e-3, a bug. Its notebook flags
 * a mistake above {@code 2e-7}, this class's default threshold.
 *
 * <p>Usage: the parameters are FLOAT64 leaves ({@link Tensor#requiresGrad()}) and the supplier computes the cost
 * from them, afresh on every call:
 * <pre>{@code
 * GradientCheck.Result r = GradientCheck.COURSE.check(model.parameters(), () -> loss(model.forward(x), y));
 * assertTrue(r.passed(), r.toString());
 * }</pre>
 * The check runs the supplier once with recording on and calls {@link Tensor#backward()} (after zeroing the
 * parameters' gradients, which are left holding the analytic gradient), then twice per element with recording
 * off, writing {@code theta +- eps} into the parameter with {@link Tensor#assign(Tensor)}. Every parameter is
 * restored to its exact original value at the end, also when the supplier throws. Each call of the supplier runs
 * in its own {@link MemoryScope}, so the supplier must not cache tensors it creates between calls. Follow the
 * course's notes: turn dropout off, include any regularisation term in the cost, and keep inputs away from kinks
 * such as ReLU's 0, where one-sided slopes differ.
 *
 * @param epsilon the perturbation, {@code > 0}; the course uses 1e-7
 * @param threshold the largest difference that passes, {@code > 0}; the course's notebook uses 2e-7
 */
public record GradientCheck(double epsilon, double threshold) {
    /** The course's perturbation, {@code 1e-7}. */
    public static final double DEFAULT_EPSILON = 1e-7;
    /** The course notebook's threshold, {@code 2e-7}: a larger difference means a mistake in back-propagation. */
    public static final double DEFAULT_THRESHOLD = 2e-7;
    /** The course's settings: epsilon 1e-7, threshold 2e-7. */
    public static final GradientCheck COURSE = new GradientCheck(DEFAULT_EPSILON, DEFAULT_THRESHOLD);

    /** Validates the arguments. */
    public GradientCheck {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("GradientCheck: epsilon must be a positive number, got " + epsilon);
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("GradientCheck: threshold must be a positive number, got " + threshold);
        }
    }

    /**
     * {@link #check(Map, Supplier)} with the course's settings ({@link #COURSE}).
     *
     * @param parameters the FLOAT64 leaves the cost depends on, by name
     * @param cost computes the cost (a one-element tensor) from the current parameter values
     * @return the comparison
     */
    public static Result checkCourse(Map<String, Tensor> parameters, Supplier<Tensor> cost) {
        return COURSE.check(parameters, cost);
    }

    /**
     * Compares back-propagation with two-sided differences for every element of every parameter.
     *
     * @param parameters the FLOAT64 leaves the cost depends on, by name (e.g. {@code Module.parameters()})
     * @param cost computes the cost, a one-element floating tensor, from the current parameter values
     * @return the difference, the verdict and the element where the two gradients differ most
     * @throws IllegalArgumentException for no parameters, or a parameter that is not a FLOAT64 leaf tracking
     *     gradients, or a cost that is not one floating element
     */
    public Result check(Map<String, Tensor> parameters, Supplier<Tensor> cost) {
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException("GradientCheck: no parameters to check");
        }
        for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
            Tensor p = e.getValue();
            if (p == null || p.isClosed()) {
                throw new IllegalArgumentException("GradientCheck: parameter '" + e.getKey() + "' is "
                        + (p == null ? "null" : "closed"));
            }
            if (p.dtype() != DType.FLOAT64) {
                throw new IllegalArgumentException("GradientCheck: parameter '" + e.getKey() + "' is " + p.dtype() + " "
                        + p.shape() + "; two-sided differences with epsilon " + epsilon
                        + " need FLOAT64 (convert with to(DType.FLOAT64) before requiresGrad())");
            }
            if (!p.tracksGrad()) {
                throw new IllegalArgumentException("GradientCheck: parameter '" + e.getKey() + "' " + p.shape()
                        + " does not track gradients; make it with requiresGrad()");
            }
        }
        Map<String, double[]> originals = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
            originals.put(e.getKey(), e.getValue().toDoubleArray());
        }
        try {
            Map<String, double[]> analytic = analytic(parameters, cost);
            Map<String, double[]> numeric = numeric(parameters, originals, cost);
            return compare(parameters, analytic, numeric);
        } finally {
            for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
                write(e.getValue(), originals.get(e.getKey()));
            }
        }
    }

    /** Back-propagation's gradients: zeroGrad, one recorded evaluation, backward(). Zeros where grad() is null. */
    private Map<String, double[]> analytic(Map<String, Tensor> parameters, Supplier<Tensor> cost) {
        for (Tensor p : parameters.values()) {
            p.zeroGrad();
        }
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor j = cost.get();
            checkCost(j);
            if (!j.tracksGrad()) {
                throw new IllegalArgumentException("GradientCheck: the cost " + j.shape() + " " + j.dtype()
                        + " does not depend on any parameter through recorded operations (computed under "
                        + "Autograd.noGrad(), or from detached values?)");
            }
            j.backward();
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
            Tensor g = e.getValue().grad();
            out.put(e.getKey(), g == null ? new double[e.getValue().size()] : g.toDoubleArray());
        }
        return out;
    }

    /** Two-sided differences, the course's thetaplus / thetaminus loop. */
    private Map<String, double[]> numeric(Map<String, Tensor> parameters, Map<String, double[]> originals,
                                          Supplier<Tensor> cost) {
        Map<String, double[]> out = new LinkedHashMap<>();
        try (Autograd.NoGrad off = Autograd.noGrad()) {
            for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
                Tensor p = e.getValue();
                double[] theta = originals.get(e.getKey()).clone();
                double[] approx = new double[theta.length];
                for (int i = 0; i < theta.length; i++) {
                    double original = theta[i];
                    theta[i] = original + epsilon;
                    write(p, theta);
                    double plus = evaluate(cost);
                    theta[i] = original - epsilon;
                    write(p, theta);
                    double minus = evaluate(cost);
                    theta[i] = original;
                    approx[i] = (plus - minus) / (2 * epsilon);
                }
                write(p, theta);
                out.put(e.getKey(), approx);
            }
        }
        return out;
    }

    private static double evaluate(Supplier<Tensor> cost) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor j = cost.get();
            checkCost(j);
            return j.item();
        }
    }

    private static void checkCost(Tensor j) {
        if (j == null || j.size() != 1 || !j.dtype().isFloating()) {
            throw new IllegalArgumentException("GradientCheck: the cost must be one FLOAT32 or FLOAT64 element, got "
                    + (j == null ? "null" : j.shape() + " " + j.dtype()));
        }
    }

    private static void write(Tensor p, double[] values) {
        try (Tensor v = Tensor.of(values, p.shape().dims())) {
            p.assign(v);
        }
    }

    private Result compare(Map<String, Tensor> parameters, Map<String, double[]> analytic,
                           Map<String, double[]> numeric) {
        double diff2 = 0;
        double grad2 = 0;
        double approx2 = 0;
        String worstName = null;
        int worstFlat = -1;
        double worstGap = -1;
        Map<String, Double> perParameter = new LinkedHashMap<>();
        for (String name : parameters.keySet()) {
            double[] g = analytic.get(name);
            double[] a = numeric.get(name);
            double d2 = 0;
            double g2 = 0;
            double a2 = 0;
            for (int i = 0; i < g.length; i++) {
                double gap = Math.abs(g[i] - a[i]);
                d2 += (g[i] - a[i]) * (g[i] - a[i]);
                g2 += g[i] * g[i];
                a2 += a[i] * a[i];
                if (gap > worstGap || Double.isNaN(gap) && !Double.isNaN(worstGap)) {
                    worstGap = gap;
                    worstName = name;
                    worstFlat = i;
                }
            }
            perParameter.put(name, relative(d2, g2, a2));
            diff2 += d2;
            grad2 += g2;
            approx2 += a2;
        }
        double difference = relative(diff2, grad2, approx2);
        Worst worst = null;
        if (worstName != null) {
            Shape shape = parameters.get(worstName).shape();
            worst = new Worst(worstName, unravel(worstFlat, shape.dims()), analytic.get(worstName)[worstFlat],
                    numeric.get(worstName)[worstFlat]);
        }
        return new Result(difference, threshold, epsilon, worst, Collections.unmodifiableMap(perParameter));
    }

    /** {@code sqrt(d2) / (sqrt(g2) + sqrt(a2))}; 0 when both gradients are exactly zero (the course's 0/0). */
    private static double relative(double d2, double g2, double a2) {
        double denominator = Math.sqrt(g2) + Math.sqrt(a2);
        if (denominator == 0 && d2 == 0) {
            return 0;
        }
        return Math.sqrt(d2) / denominator;
    }

    private static int[] unravel(int flat, int[] dims) {
        int[] index = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            index[i] = dims[i] == 0 ? 0 : flat % dims[i];
            flat = dims[i] == 0 ? 0 : flat / dims[i];
        }
        return index;
    }

    /**
     * The element where back-propagation and the two-sided difference disagree most in absolute terms.
     *
     * @param parameter the parameter's name
     * @param index the element's position in the parameter, one entry per axis
     * @param analytic back-propagation's value, {@code dtheta[i]}
     * @param numeric the two-sided difference, {@code dtheta_approx[i]}
     */
    public record Worst(String parameter, int[] index, double analytic, double numeric) {

        /** Copies the index. */
        public Worst {
            index = index.clone();
        }

        /** A copy of the element's position. */
        @Override
        public int[] index() {
            return index.clone();
        }

        /** For example {@code W1[0, 2]: analytic 0.25, numeric 0.5}. */
        @Override
        public String toString() {
            String at = Arrays.toString(index);
            return parameter + "[" + at.substring(1, at.length() - 1) + "]: analytic " + analytic + ", numeric "
                    + numeric;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Worst w && parameter.equals(w.parameter) && Arrays.equals(index, w.index)
                    && Double.compare(analytic, w.analytic) == 0 && Double.compare(numeric, w.numeric) == 0;
        }

        @Override
        public int hashCode() {
            return (parameter.hashCode() * 31 + Arrays.hashCode(index)) * 31 + Double.hashCode(analytic) * 17
                    + Double.hashCode(numeric);
        }
    }

    /**
     * The outcome of a gradient check.
     *
     * @param difference the course's relative difference over all parameters together
     * @param threshold the largest difference that passes
     * @param epsilon the perturbation used
     * @param worst the element where the gradients differ most (null only when every parameter is empty)
     * @param perParameter the same relative difference computed for each parameter alone, in order
     */
    public record Result(double difference, double threshold, double epsilon, Worst worst,
                         Map<String, Double> perParameter) {

        /** Whether {@code difference <= threshold} (NaN fails). */
        public boolean passed() {
            return difference <= threshold;
        }

        /**
         * A report in the course's words, e.g. {@code "There is a mistake in the backward propagation! difference =
         * 0.33 > 2.0E-7; worst W1[0, 2]: analytic 0.25, numeric 0.5; per parameter {W1=0.33, b1=0.0}"}.
         */
        @Override
        public String toString() {
            String verdict = passed()
                    ? "Your backward propagation works perfectly fine! difference = " + difference + " <= " + threshold
                    : "There is a mistake in the backward propagation! difference = " + difference + " > " + threshold;
            return verdict + "; worst " + worst + "; per parameter " + perParameter;
        }
    }
}
