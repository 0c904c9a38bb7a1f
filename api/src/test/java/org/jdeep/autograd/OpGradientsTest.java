package org.jdeep.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jdeep.Autograd;
import org.jdeep.Tensor;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;
import org.jdeep.types.Window2d;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every differentiable Tensor operation's gradient, checked against two-sided differences with the course's
 * {@link GradientCheck} (Course 2, week 1, 1.13). One line per case: the inputs ({@code n(shape)} standard
 * normals, {@code p(shape)} uniforms in [0.5, 2) for ops that need positive inputs), drawn in FLOAT64 from
 * {@code RandomState(1)}; the operation; then a weighted sum {@code sum(op(x) * w)} with random weights
 * {@code w}, so that every output element reaches the scalar with its own weight.
 */
class OpGradientsTest {

    /** One input: its shape and whether it must be positive. */
    record In(int[] shape, boolean positive) {
    }

    static In n(int... shape) {
        return new In(shape, false);
    }

    static In p(int... shape) {
        return new In(shape, true);
    }

    /** A dynamic test that gradient-checks {@code op} on inputs of the given kinds. */
    static DynamicTest op(String name, Function<Tensor[], Tensor> op, In... inputs) {
        return DynamicTest.dynamicTest(name, () -> check(name, op, inputs));
    }

    static void check(String name, Function<Tensor[], Tensor> op, In... inputs) {
        RandomState rng = new RandomState(1);
        Tensor[] x = new Tensor[inputs.length];
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            try (Tensor raw = inputs[i].positive ? rng.uniform(0.5, 2.0, inputs[i].shape) : rng.randn(inputs[i].shape)) {
                x[i] = raw.requiresGrad();
            }
            params.put("x" + i, x[i]);
        }
        Tensor w;
        try (Autograd.NoGrad off = Autograd.noGrad(); Tensor probe = op.apply(x)) {
            w = rng.randn(probe.shape().dims());
        }
        GradientCheck.Result r;
        try {
            r = GradientCheck.COURSE.check(params, () -> {
                try (Tensor y = op.apply(x); Tensor weighted = y.mul(w)) {
                    return weighted.sum();
                }
            });
        } catch (IllegalArgumentException e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
        }
        assertTrue(r.passed(), name + ": " + r);
        for (int i = 0; i < x.length; i++) {
            if (x[i].grad() != null) { // null: no gradient reached the input (sign), checked as zeros above
                assertEquals(x[i].shape(), x[i].grad().shape(), name + ": gradient shape of input " + i);
            }
        }
    }

    static final Tensor COND = new RandomState(9).rand(3, 4).gt(0.5);
    static final Tensor ROWS = Tensor.of(new int[] {2, 0, 2}, 3);
    static final Tensor INDEX_GRID = Tensor.of(new int[] {1, 0, 1, 1}, 2, 2);

    @TestFactory
    Stream<DynamicTest> elementwiseUnary() {
        return Stream.of(
                op("neg", x -> x[0].neg(), n(3, 4)),
                op("exp", x -> x[0].exp(), n(3, 4)),
                op("log", x -> x[0].log(), p(3, 4)),
                op("log1p", x -> x[0].log1p(), p(3, 4)),
                op("expm1", x -> x[0].expm1(), n(3, 4)),
                op("sqrt", x -> x[0].sqrt(), p(3, 4)),
                op("abs", x -> x[0].abs(), n(3, 4)),
                op("sign (zero gradient)", x -> x[0].sign(), n(3, 4)),
                op("square", x -> x[0].square(), n(3, 4)),
                op("reciprocal", x -> x[0].reciprocal(), p(3, 4)),
                op("tanh", x -> x[0].tanh(), n(3, 4)),
                op("sigmoid", x -> x[0].sigmoid(), n(3, 4)),
                op("softplus", x -> x[0].softplus(), n(3, 4)),
                op("logSigmoid", x -> x[0].logSigmoid(), n(3, 4)),
                op("relu", x -> x[0].relu(), n(3, 4)),
                op("leakyRelu", x -> x[0].leakyRelu(0.1), n(3, 4)),
                op("clip", x -> x[0].clip(-0.5, 0.5), n(3, 4)),
                op("add scalar", x -> x[0].add(2.5), n(3, 4)),
                op("sub scalar", x -> x[0].sub(2.5), n(3, 4)),
                op("mul scalar", x -> x[0].mul(-1.5), n(3, 4)),
                op("div scalar", x -> x[0].div(4.0), n(3, 4)),
                op("pow scalar integer exponent", x -> x[0].pow(3.0), n(3, 4)),
                op("pow scalar fractional exponent", x -> x[0].pow(2.5), p(3, 4)),
                op("maximum scalar", x -> x[0].maximum(0.2), n(3, 4)),
                op("minimum scalar", x -> x[0].minimum(0.2), n(3, 4)),
                op("x used twice: x * x", x -> x[0].mul(x[0]), n(3, 4)),
                op("x on two paths: x + exp(x)", x -> x[0].add(x[0].exp()), n(3, 4)));
    }

    @TestFactory
    Stream<DynamicTest> elementwiseBinaryWithBroadcasting() {
        return Stream.of(
                op("add same shape", x -> x[0].add(x[1]), n(3, 4), n(3, 4)),
                op("add broadcast right (3,4)+(4)", x -> x[0].add(x[1]), n(3, 4), n(4)),
                op("add broadcast left (4)+(3,4)", x -> x[0].add(x[1]), n(4), n(3, 4)),
                op("add both broadcast (3,1)+(1,4)", x -> x[0].add(x[1]), n(3, 1), n(1, 4)),
                op("add rank-0 right", x -> x[0].add(x[1]), n(3, 4), n()),
                op("sub broadcast right", x -> x[0].sub(x[1]), n(2, 3, 4), n(3, 1)),
                op("sub broadcast left", x -> x[0].sub(x[1]), n(3, 1), n(2, 3, 4)),
                op("mul broadcast right", x -> x[0].mul(x[1]), n(3, 4), n(1, 4)),
                op("mul broadcast left", x -> x[0].mul(x[1]), n(4), n(3, 4)),
                op("div broadcast right", x -> x[0].div(x[1]), n(3, 4), p(4)),
                op("div broadcast left", x -> x[0].div(x[1]), n(4), p(3, 4)),
                op("pow tensor exponent", x -> x[0].pow(x[1]), p(3, 4), n(3, 4)),
                op("pow broadcast exponent", x -> x[0].pow(x[1]), p(3, 4), n(4)),
                op("maximum", x -> x[0].maximum(x[1]), n(3, 4), n(3, 4)),
                op("maximum broadcast", x -> x[0].maximum(x[1]), n(3, 4), n(4)),
                op("minimum", x -> x[0].minimum(x[1]), n(3, 4), n(3, 4)),
                op("minimum broadcast", x -> x[0].minimum(x[1]), n(3, 1), n(3, 4)),
                op("where broadcast", x -> Tensor.where(COND, x[0], x[1]), n(3, 4), n(4)),
                op("where broadcast other side", x -> Tensor.where(COND, x[0], x[1]), n(3, 1), n(3, 4)));
    }

    @TestFactory
    Stream<DynamicTest> views() {
        return Stream.of(
                op("slice with step", x -> x[0].slice(0, 0, 5, 2), n(5, 4)),
                op("slice backwards", x -> x[0].slice(1, -1, Integer.MIN_VALUE, -2), n(3, 5)),
                op("slice of a slice", x -> x[0].slice(1, 1, 4, 1).slice(0, 1, 3, 1), n(4, 5)),
                op("transpose", x -> x[0].transpose(), n(3, 4)),
                op("permute", x -> x[0].permute(2, 0, 1), n(2, 3, 4)),
                op("reshape", x -> x[0].reshape(4, 3), n(3, 4)),
                op("reshape of non-contiguous (copy)", x -> x[0].transpose().reshape(-1), n(3, 4)),
                op("reshape of a stepped slice", x -> x[0].slice(1, 0, 4, 2).reshape(6), n(3, 4)),
                op("flatten", x -> x[0].flatten(), n(2, 3, 2)),
                op("broadcastTo", x -> x[0].broadcastTo(2, 3, 4), n(3, 1)),
                op("squeeze", x -> x[0].squeeze(1), n(3, 1, 4)),
                op("unsqueeze", x -> x[0].unsqueeze(0), n(3, 4)),
                op("unsqueeze then broadcast", x -> x[0].unsqueeze(1).broadcastTo(3, 2, 4), n(3, 4)));
    }

    @TestFactory
    Stream<DynamicTest> reductions() {
        return Stream.of(
                op("sum all", x -> x[0].sum(), n(3, 4)),
                op("sum axis 0", x -> x[0].sum(0, false), n(3, 4)),
                op("sum axis -1 keepDims", x -> x[0].sum(-1, true), n(2, 3, 4)),
                op("mean all", x -> x[0].mean(), n(3, 4)),
                op("mean axis 1", x -> x[0].mean(1, false), n(2, 3, 4)),
                op("max all", x -> x[0].max(), n(3, 4)),
                op("max axis 0", x -> x[0].max(0, false), n(3, 4)),
                op("max axis 1 keepDims", x -> x[0].max(1, true), n(3, 4)),
                op("min all", x -> x[0].min(), n(3, 4)),
                op("min axis 1", x -> x[0].min(1, false), n(3, 4)),
                op("var all", x -> x[0].var(), n(3, 4)),
                op("var axis 0", x -> x[0].var(0, false), n(3, 4)),
                op("var axis 1 keepDims", x -> x[0].var(1, true), n(3, 4)),
                op("std all", x -> x[0].std(), n(3, 4)),
                op("std axis 1", x -> x[0].std(1, false), n(3, 4)),
                op("sum of a transposed view", x -> x[0].transpose().sum(0, false), n(3, 4)));
    }

    @TestFactory
    Stream<DynamicTest> matmul() {
        return Stream.of(
                op("matmul 2-D", x -> x[0].matmul(x[1]), n(3, 4), n(4, 5)),
                op("matmul 1-D left", x -> x[0].matmul(x[1]), n(4), n(4, 5)),
                op("matmul 1-D right", x -> x[0].matmul(x[1]), n(3, 4), n(4)),
                op("matmul 1-D both (dot)", x -> x[0].matmul(x[1]), n(4), n(4)),
                op("matmul batched", x -> x[0].matmul(x[1]), n(2, 3, 4), n(2, 4, 5)),
                op("matmul batch broadcast", x -> x[0].matmul(x[1]), n(2, 1, 3, 4), n(5, 4, 2)),
                op("matmul batched by 2-D", x -> x[0].matmul(x[1]), n(2, 3, 4), n(4, 2)),
                op("matmul of transposed views", x -> x[0].transpose().matmul(x[1].transpose()), n(4, 3), n(5, 4)));
    }

    @TestFactory
    Stream<DynamicTest> stableForms() {
        return Stream.of(
                op("softmax last axis", x -> x[0].softmax(-1), n(3, 4)),
                op("softmax axis 0", x -> x[0].softmax(0), n(3, 4)),
                op("logSoftmax last axis", x -> x[0].logSoftmax(-1), n(3, 4)),
                op("logSoftmax axis 0", x -> x[0].logSoftmax(0), n(2, 3, 4)),
                op("logSumExp", x -> x[0].logSumExp(1, false), n(3, 4)),
                op("logSumExp keepDims", x -> x[0].logSumExp(0, true), n(3, 4)),
                op("softmax of shifted scores (x + 1000)", x -> x[0].add(1000.0).softmax(-1), n(2, 3)),
                op("logSoftmax of shifted scores (x - 1000)", x -> x[0].sub(1000.0).logSoftmax(-1), n(2, 3)));
    }

    @TestFactory
    Stream<DynamicTest> indexingAndJoining() {
        return Stream.of(
                op("gather rows with a repeat", x -> x[0].gather(ROWS, 0), n(4, 3)),
                op("gather columns with 2-D indices", x -> x[0].gather(INDEX_GRID, 1), n(3, 2)),
                op("concat axis 0", x -> Tensor.concat(List.of(x[0], x[1]), 0), n(2, 3), n(4, 3)),
                op("concat axis 1 of three", x -> Tensor.concat(List.of(x[0], x[1], x[2]), 1), n(2, 1), n(2, 3), n(2, 2)),
                op("concat with itself", x -> Tensor.concat(List.of(x[0], x[0]), 0), n(2, 3)),
                op("stack axis 0", x -> Tensor.stack(List.of(x[0], x[1]), 0), n(2, 3), n(2, 3)),
                op("stack last axis", x -> Tensor.stack(List.of(x[0], x[1]), -1), n(2, 3), n(2, 3)),
                op("pad", x -> x[0].pad(new int[][] {{1, 0}, {2, 1}}, 0.5), n(2, 3)),
                op("im2col stride 2 pad 1", x -> x[0].im2col(Window2d.of(3, 3, 2, 1), 0.0), n(2, 5, 5, 2)),
                op("im2col overlapping windows", x -> x[0].im2col(Window2d.of(2, 2, 1, 0), 0.0), n(1, 3, 4, 1)));
    }

    @Test
    void logSumExpWithKeepDimsStaysInTheGraph() {
        // d/dx log(e^0 + e^0) = softmax([0, 0]) = [0.5, 0.5], with or without keepDims
        Tensor x = Tensor.of(new double[] {0, 0}, 1, 2).requiresGrad();
        Tensor kept = x.logSumExp(1, true);
        assertEquals(Math.log(2), kept.item(), 1e-15);
        assertTrue(kept.tracksGrad(), "logSumExp(axis, keepDims = true) must record its gradient");
        kept.sum().backward();
        assertArrayEquals(new double[] {0.5, 0.5}, x.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void gradientsFlowThroughDtypeConversions() {
        // to(DType) between FLOAT32 and FLOAT64 is outside a FLOAT64 check, but its gradient is the identity
        Tensor x64 = Tensor.of(new double[] {1, 2, 3}, 3).requiresGrad();
        try (Tensor y = x64.to(DType.FLOAT32).mul(Tensor.of(new float[] {2, 3, 4}, 3)).sum()) {
            y.backward();
        }
        assertEquals(DType.FLOAT64, x64.grad().dtype());
        assertArrayEquals(new double[] {2, 3, 4}, x64.grad().toDoubleArray(), 0.0);

        Tensor x32 = Tensor.of(new float[] {1, 2}, 2).requiresGrad();
        try (Tensor y = x32.to(DType.FLOAT64).mul(Tensor.of(new double[] {0.5, -1}, 2)).sum()) {
            y.backward();
        }
        assertEquals(DType.FLOAT32, x32.grad().dtype());
        assertArrayEquals(new float[] {0.5f, -1f}, x32.grad().toFloatArray(), 0f);

        // mixing promotes to FLOAT64; the FLOAT32 leaf still receives a FLOAT32 gradient
        Tensor a32 = Tensor.of(new float[] {3}, 1).requiresGrad();
        Tensor b64 = Tensor.of(new double[] {5}, 1).requiresGrad();
        try (Tensor y = a32.mul(b64).sum()) {
            assertEquals(DType.FLOAT64, y.dtype());
            y.backward();
        }
        assertArrayEquals(new float[] {5f}, a32.grad().toFloatArray(), 0f);
        assertArrayEquals(new double[] {3}, b64.grad().toDoubleArray(), 0.0);
    }
}
