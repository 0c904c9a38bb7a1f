package org.jdeep.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdeep.Autograd;
import org.jdeep.Backends;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.conformance.Compare.Stats;
import org.jdeep.conformance.Tolerances.Family;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;

/**
 * Model level: a seeded two-layer classifier (2 inputs, 16 tanh units, 3 softmax classes) trained with full-batch
 * gradient descent for {@value #STEPS} steps on a synthetic 2-D data set, with plain Tensor ops and autograd. The
 * data and initial weights are uniforms from {@code RandomState(7)} (bit-exact with numpy), so the FLOAT64 loss
 * curve can be compared with numpy's ({@code model_golden.txt}, from {@code tools/gen_conformance_golden.py}),
 * and every backend's curve with every other's and with its own FLOAT64 curve.
 */
@SuppressWarnings("try") // scopes (backend selection, memory, no-grad) are used for their effect
final class ModelCheck {
    private ModelCheck() {
    }

    static final int STEPS = 60;
    static final int M = 240;
    static final int HIDDEN = 16;
    static final int CLASSES = 3;
    static final double LEARNING_RATE = 0.5;

    private static final Map<String, double[]> CURVES = new ConcurrentHashMap<>();

    static void clear() {
        CURVES.clear();
    }

    /** The data set and initial weights, drawn in this order: X (M x 2), W1 (2 x 16) * 0.8, W2 (16 x 3) * 0.5. */
    record Data(double[] x, int[] y, double[] w1, double[] w2) {
        static Data make() {
            RandomState rs = new RandomState(7);
            double[] x = uniform(rs, M * 2, 1);
            int[] y = new int[M];
            for (int i = 0; i < M; i++) {
                double a = x[2 * i];
                double b = x[2 * i + 1];
                y[i] = a * a + b * b < 0.3 ? 0 : a > b ? 1 : 2;
            }
            return new Data(x, y, uniform(rs, 2 * HIDDEN, 0.8), uniform(rs, HIDDEN * CLASSES, 0.5));
        }

        private static double[] uniform(RandomState rs, int n, double scale) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = (-1 + 2 * rs.nextDouble()) * scale;
            }
            return v;
        }
    }

    /** The loss at each step (before that step's update), memoised per backend and dtype. */
    static double[] curve(String backend, DType dtype) {
        return CURVES.computeIfAbsent(backend + "|" + dtype, k -> train(backend, dtype));
    }

    private static Tensor make(double[] v, DType dtype, int... shape) {
        return TensorOps.make(new GoldenCases.Host(dtype, shape, Compare.roundTo(v, dtype)));
    }

    private static double[] train(String backend, DType dtype) {
        Data d = Data.make();
        double[] losses = new double[STEPS];
        try (Backends.Scope s = Backends.using(backend); MemoryScope scope = MemoryScope.open()) {
            Tensor x = make(d.x, dtype, M, 2);
            Tensor onehot = Tensor.of(d.y, M).oneHot(CLASSES, dtype);
            Tensor w1 = make(d.w1, dtype, 2, HIDDEN).requiresGrad();
            Tensor b1 = Tensor.zeros(dtype, HIDDEN).requiresGrad();
            Tensor w2 = make(d.w2, dtype, HIDDEN, CLASSES).requiresGrad();
            Tensor b2 = Tensor.zeros(dtype, CLASSES).requiresGrad();
            List<Tensor> params = List.of(w1, b1, w2, b2);
            for (int step = 0; step < STEPS; step++) {
                try (MemoryScope stepScope = MemoryScope.open()) {
                    Tensor h = x.matmul(w1).add(b1).tanh();
                    Tensor z = h.matmul(w2).add(b2);
                    Tensor loss = onehot.mul(z.logSoftmax(1)).sum(1, false).mean().neg();
                    loss.backward();
                    losses[step] = loss.item();
                    try (Autograd.NoGrad off = Autograd.noGrad()) {
                        for (Tensor p : params) {
                            p.assign(p.sub(p.grad().mul(LEARNING_RATE)));
                            p.zeroGrad();
                        }
                    }
                }
            }
        }
        return losses;
    }

    /** numpy's FLOAT64 loss curve. */
    static double[] numpyCurve() {
        try (InputStream in = ModelCheck.class.getResourceAsStream("model_golden.txt")) {
            if (in == null) {
                throw new IllegalStateException("model_golden.txt is missing from the conformance suite's resources");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("loss ")) {
                    String[] t = line.substring(5).trim().split(" ");
                    double[] v = new double[t.length];
                    for (int i = 0; i < t.length; i++) {
                        v[i] = Double.parseDouble(t[i]);
                    }
                    return v;
                }
            }
            throw new IllegalStateException("model_golden.txt has no loss line");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Stats> check(String backend, DType dtype, List<String> partners) {
        List<Stats> s = new ArrayList<>();
        double[] c = curve(backend, dtype);
        if (dtype == DType.FLOAT64) {
            s.add(Compare.compare("numpy", c, numpyCurve(), dtype, Tolerances.MODEL_VS_NUMPY, null));
        } else {
            s.add(Compare.compare("float64", c, curve(backend, DType.FLOAT64), dtype, Tolerances.MODEL_F32_VS_F64, null));
        }
        if (!(c[STEPS - 1] < 0.8 * c[0])) {
            s.add(Stats.failure("training", "the loss did not fall: " + c[0] + " -> " + c[STEPS - 1]));
        }
        for (String p : partners) {
            if (!p.equals(backend)) {
                s.add(Compare.compare(p, c, curve(p, dtype), dtype, Tolerances.of(Family.MODEL, dtype), null));
            }
        }
        return s;
    }
}
