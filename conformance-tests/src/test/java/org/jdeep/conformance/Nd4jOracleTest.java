package org.jdeep.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jdeep.conformance.Compare.Stats;
import org.jdeep.conformance.GoldenCases.Host;
import org.jdeep.conformance.TensorChecks.Result;
import org.jdeep.conformance.TensorOps.InputLayout;
import org.jdeep.conformance.Tolerances.Family;
import org.jdeep.conformance.Tolerances.Tolerance;
import org.jdeep.types.DType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.custom.LogSumExp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * ND4J ({@code nd4j-native}, OpenBLAS) as an independent oracle for the ops it has: every backend's Tensor op
 * against ND4J's on the same random FLOAT32 and FLOAT64 inputs, small and large. Class path only: ND4J's
 * module descriptor is rejected on the module path, so Surefire runs this class in the class-path execution.
 */
class Nd4jOracleTest {

    /** One oracle case: jdeep's op line and ND4J's computation of the same thing. */
    record OracleCase(String op, DType dtype, String name, List<Host> inputs, String[] jdeep,
                      Function<List<INDArray>, INDArray> nd4j, Family family) {
    }

    @TestFactory
    Stream<DynamicNode> nd4j() {
        ConformanceSuite.Config config = ConformanceSuite.Config.fromSystemProperties();
        List<OracleCase> cases = cases();
        List<DynamicNode> nodes = new ArrayList<>();
        for (ConformanceSuite.Target t : ConformanceSuite.targets(config)) {
            if (!t.available()) {
                continue; // reported as skipped by the main suite
            }
            List<DynamicNode> tests = new ArrayList<>();
            for (OracleCase c : cases) {
                Report.Key key = new Report.Key("nd4j", c.op(), t.name(), ConformanceSuite.name(c.dtype()));
                tests.add(ConformanceSuite.test(c.name(), key, () -> check(t.name(), c)));
            }
            nodes.add(DynamicContainer.dynamicContainer("backend " + t.name() + " against ND4J", tests));
        }
        return nodes.stream();
    }

    @AfterAll
    static void writeReport() {
        ConformanceSuite.writeReport();
    }

    private static List<Stats> check(String backend, OracleCase c) {
        Result r = TensorChecks.run(backend, c.inputs(), c.jdeep(), InputLayout.CONTIGUOUS);
        List<INDArray> in = new ArrayList<>();
        for (Host h : c.inputs()) {
            in.add(nd(h));
        }
        double[] expected = c.nd4j().apply(in).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        Tolerance tol = Tolerances.nd4j(c.family(), r.dtype());
        double[] mag = TensorChecks.magnitude(c.jdeep(), c.inputs(), r.values().length);
        return List.of(Compare.compare("nd4j", r.values(), expected, r.dtype(), tol, mag));
    }

    private static INDArray nd(Host h) {
        long[] shape = new long[h.shape().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = h.shape()[i];
        }
        INDArray a = Nd4j.createFromArray(h.values().clone()).reshape('c', shape);
        return h.dtype() == DType.FLOAT32 ? a.castTo(DataType.FLOAT) : a;
    }

    private static Host random(DType dt, int[] shape, long seed, double low, double high) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = org.jdeep.types.Shape.of(shape).size();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = HostMath.store(rng.nextDouble(low, high), dt);
        }
        return new Host(dt, shape, v);
    }

    private static List<OracleCase> cases() {
        List<OracleCase> c = new ArrayList<>();
        long seed = 1;
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            String d = ConformanceSuite.name(dt);
            for (int[] shape : new int[][] {{64, 33}, {201, 203}}) {
                String s = shape[0] + "x" + shape[1];
                unary(c, "exp", dt, random(dt, shape, seed++, -20, 20), x -> Transforms.exp(x, true), Family.TRANSCENDENTAL);
                unary(c, "log", dt, random(dt, shape, seed++, 1e-3, 50), x -> Transforms.log(x, true), Family.TRANSCENDENTAL);
                unary(c, "tanh", dt, random(dt, shape, seed++, -5, 5), x -> Transforms.tanh(x, true), Family.TRANSCENDENTAL);
                unary(c, "sigmoid", dt, random(dt, shape, seed++, -20, 20), x -> Transforms.sigmoid(x, true),
                        Family.TRANSCENDENTAL);
                unary(c, "softplus", dt, random(dt, shape, seed++, -5, 5), x -> Transforms.softPlus(x, true),
                        Family.TRANSCENDENTAL);
                unary(c, "relu", dt, random(dt, shape, seed++, -5, 5), x -> Transforms.relu(x, true), Family.EXACT);
                unary(c, "abs", dt, random(dt, shape, seed++, -5, 5), x -> Transforms.abs(x, true), Family.EXACT);
                unary(c, "neg", dt, random(dt, shape, seed++, -5, 5), x -> x.neg(), Family.EXACT);
                unary(c, "sqrt", dt, random(dt, shape, seed++, 0, 50), x -> Transforms.sqrt(x, true), Family.ELEMENTWISE);
                Host a = random(dt, shape, seed++, 0.5, 3);
                Host b = random(dt, shape, seed++, -2, 2);
                binary(c, "add", dt, a, b, (x, y) -> x.add(y), Family.ELEMENTWISE);
                binary(c, "sub", dt, a, b, (x, y) -> x.sub(y), Family.ELEMENTWISE);
                binary(c, "mul", dt, a, b, (x, y) -> x.mul(y), Family.ELEMENTWISE);
                binary(c, "div", dt, b, a, (x, y) -> x.div(y), Family.ELEMENTWISE);
                binary(c, "pow", dt, a, b, (x, y) -> Transforms.pow(x, y, true), Family.TRANSCENDENTAL);
                binary(c, "maximum", dt, a, b, (x, y) -> Transforms.max(x, y, true), Family.EXACT);
                binary(c, "minimum", dt, a, b, (x, y) -> Transforms.min(x, y, true), Family.EXACT);
                Host row = random(dt, new int[] {shape[1]}, seed++, -2, 2);
                c.add(new OracleCase("add", dt, "add " + d + " " + s + " + row vector", List.of(b, row),
                        new String[] {"add", "%0", "%1"}, in -> in.get(0).addRowVector(in.get(1)), Family.ELEMENTWISE));
                Host x = random(dt, shape, seed++, -3, 3);
                for (int axis = 0; axis < 2; axis++) {
                    int ax = axis;
                    reduce(c, "sum", dt, x, ax, in -> in.get(0).sum(ax), Family.REDUCTION);
                    reduce(c, "mean", dt, x, ax, in -> in.get(0).mean(ax), Family.REDUCTION);
                    reduce(c, "max", dt, x, ax, in -> in.get(0).max(ax), Family.EXACT);
                    reduce(c, "min", dt, x, ax, in -> in.get(0).min(ax), Family.EXACT);
                    reduce(c, "var", dt, x, ax, in -> in.get(0).var(false, ax), Family.COMPOSITE);
                    reduce(c, "std", dt, x, ax, in -> in.get(0).std(false, ax), Family.COMPOSITE);
                    c.add(new OracleCase("argmax", dt, "argmax " + d + " " + s + " axis " + ax, List.of(x),
                            new String[] {"argmax", "%0", String.valueOf(ax)}, in -> Nd4j.argMax(in.get(0), ax), Family.EXACT));
                }
                Host z = random(dt, shape, seed++, -30, 30);
                c.add(new OracleCase("softmax", dt, "softmax " + d + " " + s + " axis 1", List.of(z),
                        new String[] {"softmax", "%0", "1"}, in -> Transforms.softmax(in.get(0), true), Family.COMPOSITE));
                c.add(new OracleCase("logSoftmax", dt, "logSoftmax " + d + " " + s + " axis 1", List.of(z),
                        new String[] {"logSoftmax", "%0", "1"}, in -> Nd4j.exec(new LogSoftMax(in.get(0), 1))[0],
                        Family.COMPOSITE));
                c.add(new OracleCase("logSumExp", dt, "logSumExp " + d + " " + s + " axis 1", List.of(z),
                        new String[] {"logSumExp", "%0", "1", "false"}, in -> Nd4j.exec(new LogSumExp(in.get(0), false, 1))[0],
                        Family.COMPOSITE));
            }
            for (int[] mkn : new int[][] {{17, 33, 9}, {130, 300, 70}, {1, 257, 1}}) {
                Host a = random(dt, new int[] {mkn[0], mkn[1]}, seed++, -1, 1);
                Host b = random(dt, new int[] {mkn[1], mkn[2]}, seed++, -1, 1);
                c.add(new OracleCase("matmul", dt, "matmul " + d + " " + mkn[0] + "x" + mkn[1] + "x" + mkn[2], List.of(a, b),
                        new String[] {"matmul", "%0", "%1"}, in -> in.get(0).mmul(in.get(1)), Family.MATMUL));
            }
        }
        return c;
    }

    private static void unary(List<OracleCase> c, String op, DType dt, Host x, Function<INDArray, INDArray> f, Family fam) {
        c.add(new OracleCase(op, dt, op + " " + ConformanceSuite.name(dt) + " " + x.shape()[0] + "x" + x.shape()[1],
                List.of(x), new String[] {op, "%0"}, in -> f.apply(in.get(0)), fam));
    }

    private interface Binary {
        INDArray apply(INDArray a, INDArray b);
    }

    private static void binary(List<OracleCase> c, String op, DType dt, Host a, Host b, Binary f, Family fam) {
        c.add(new OracleCase(op, dt, op + " " + ConformanceSuite.name(dt) + " " + a.shape()[0] + "x" + a.shape()[1],
                List.of(a, b), new String[] {op, "%0", "%1"}, in -> f.apply(in.get(0), in.get(1)), fam));
    }

    private static void reduce(List<OracleCase> c, String op, DType dt, Host x, int axis, Function<List<INDArray>, INDArray> f,
                               Family fam) {
        c.add(new OracleCase(op, dt, op + " " + ConformanceSuite.name(dt) + " " + x.shape()[0] + "x" + x.shape()[1]
                + " axis " + axis, List.of(x), new String[] {op, "%0", String.valueOf(axis), "false"}, f, fam));
    }
}
