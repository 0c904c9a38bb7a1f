package org.jdeep.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.loss.L2Penalty;
import org.jdeep.random.RandomState;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays {@code optim_golden.txt}, written by {@code tools/gen_optim_golden.py} from the course's numpy
 * formulas: each case builds FLOAT64 parameters, and for each step sets the given gradients (through
 * autograd, with {@code loss = sum(W * G)} so that {@code dW = G}), calls {@code step()} and compares every
 * parameter and every piece of state with numpy's within 1e-12 relative.
 */
class OptimizerGoldenTest {
    private static final double RTOL = 1e-12;

    /** A named tensor literal of the golden file. */
    record Literal(String name, int[] shape, double[] values) {
    }

    /** One step: the gradients given, the parameters and state expected after it. */
    record Step(List<Literal> grads, List<Literal> expected, List<Literal> state) {
    }

    /** One case of the golden file. */
    record Case(String name, String[] optimizer, String[] decay, String[] clip, List<Literal> params,
                List<Step> steps) {
    }

    static List<String[]> lines() throws IOException {
        InputStream in = OptimizerGoldenTest.class.getResourceAsStream("optim_golden.txt");
        if (in == null) {
            throw new IOException("test resource org/jdeep/optim/optim_golden.txt is missing; run "
                    + "python3 tools/gen_optim_golden.py");
        }
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.trim().split(" +"));
                }
            }
        }
        return out;
    }

    static Literal literal(String[] tok, int nameAt) {
        String[] dims = tok[nameAt + 1].split("x");
        int[] shape = tok[nameAt + 1].equals("-") ? new int[0] : Arrays.stream(dims).mapToInt(Integer::parseInt).toArray();
        double[] v = new double[tok.length - nameAt - 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(tok[nameAt + 2 + i]);
        }
        return new Literal(tok[nameAt], shape, v);
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        Case c = null;
        for (String[] tok : lines()) {
            switch (tok[0]) {
                case "case" -> c = new Case(tok[1], null, null, null, new ArrayList<>(), new ArrayList<>());
                case "optimizer" -> c = new Case(c.name, tok, c.decay, c.clip, c.params, c.steps);
                case "decay" -> c = new Case(c.name, c.optimizer, tok, c.clip, c.params, c.steps);
                case "clip" -> c = new Case(c.name, c.optimizer, c.decay, tok, c.params, c.steps);
                case "param" -> c.params.add(literal(tok, 1));
                case "step" -> c.steps.add(new Step(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
                case "grad" -> last(c).grads.add(literal(tok, 1));
                case "expect" -> last(c).expected.add(literal(tok, 1));
                case "state" -> last(c).state.add(new Literal(tok[1] + ":" + tok[2], null,
                        literal(tok, 2).values));
                case "end" -> cases.add(c);
                case "numpy", "schedule", "norm" -> { }
                default -> fail("unknown golden line: " + String.join(" ", tok));
            }
        }
        return cases;
    }

    private static Step last(Case c) {
        return c.steps.get(c.steps.size() - 1);
    }

    static Optimizer optimizer(String[] tok, Map<String, Tensor> params) {
        double[] a = Arrays.stream(tok, 2, tok.length).mapToDouble(Double::parseDouble).toArray();
        return switch (tok[1]) {
            case "sgd" -> new SGD(params, new SgdConfig(a[0]));
            case "momentum" -> new Momentum(params, new MomentumConfig(a[0], a[1]));
            case "rmsprop" -> new RMSprop(params, new RmsPropConfig(a[0], a[1], a[2]));
            case "adam" -> new Adam(params, new AdamConfig(a[0], a[1], a[2], a[3]));
            default -> throw new IllegalArgumentException("unknown optimizer " + tok[1]);
        };
    }

    /** Sets each parameter's gradient to the given values: backward() of sum over parameters of sum(W * G). */
    static void setGradients(Map<String, Tensor> params, List<Literal> grads) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor loss = null;
            for (Literal g : grads) {
                Tensor term = params.get(g.name).mul(Tensor.of(g.values, g.shape)).sum();
                loss = loss == null ? term : loss.add(term);
            }
            loss.backward();
        }
    }

    static Tensor stateOf(Optimizer opt, String kindAndName) {
        String kind = kindAndName.substring(0, kindAndName.indexOf(':'));
        String name = kindAndName.substring(kindAndName.indexOf(':') + 1);
        if (opt instanceof Momentum m && kind.equals("v")) {
            return m.velocity(name);
        }
        if (opt instanceof RMSprop r && kind.equals("s")) {
            return r.squares(name);
        }
        if (opt instanceof Adam a) {
            return kind.equals("v") ? a.velocity(name) : a.squares(name);
        }
        throw new AssertionError(opt.getClass().getSimpleName() + " has no state " + kind);
    }

    static void assertClose(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double tol = RTOL * Math.max(Math.abs(expected[i]), 1e-300);
            if (!(Math.abs(expected[i] - actual[i]) <= tol)) {
                fail(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i] + " (relative error "
                        + Math.abs(expected[i] - actual[i]) / Math.abs(expected[i]) + ")");
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOptimizerStepMatchesTheCourseFormulasInNumpy() throws IOException {
        List<Case> cases = cases();
        assertEquals(10, cases.size(), "golden cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name, () -> replay(c)));
    }

    private static void replay(Case c) {
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (Literal p : c.params) {
            try (Tensor init = Tensor.of(p.values, p.shape)) {
                params.put(p.name, init.requiresGrad());
            }
        }
        try (Optimizer opt = optimizer(c.optimizer, params)) {
            if (c.decay != null) {
                opt.setWeightDecay(new L2Penalty(Double.parseDouble(c.decay[1]), Integer.parseInt(c.decay[2])));
            }
            if (c.clip != null) {
                double limit = Double.parseDouble(c.clip[2]);
                opt.setClipping(c.clip[1].equals("value") ? GradientClipping.byValue(limit)
                        : GradientClipping.byGlobalNorm(limit));
            }
            for (int k = 0; k < c.steps.size(); k++) {
                Step s = c.steps.get(k);
                opt.zeroGrad();
                setGradients(params, s.grads);
                opt.step();
                for (Literal e : s.expected) {
                    assertClose(c.name + " step " + (k + 1) + " " + e.name, e.values, params.get(e.name).toDoubleArray());
                }
                for (Literal e : s.state) {
                    assertClose(c.name + " step " + (k + 1) + " state " + e.name, e.values,
                            stateOf(opt, e.name).toDoubleArray());
                }
            }
            assertEquals(c.steps.size(), opt.steps());
        } finally {
            params.values().forEach(p -> {
                if (p.grad() != null) {
                    p.grad().close();
                }
                p.close();
            });
        }
    }

    @Test
    void theGlobalNormOfSeededGradientsMatchesNumpy() throws IOException {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("0.weight", new int[] {3, 2});
        shapes.put("0.bias", new int[] {2});
        shapes.put("1.weight", new int[] {2, 1});
        shapes.put("1.bias", new int[] {1});
        int checked = 0;
        for (String[] tok : lines()) {
            if (!tok[0].equals("norm")) {
                continue;
            }
            RandomState rng = new RandomState(Long.parseLong(tok[1]));
            Map<String, Tensor> grads = new LinkedHashMap<>();
            try (MemoryScope scope = MemoryScope.open()) {
                shapes.forEach((name, shape) -> grads.put(name, rng.randn(shape)));
                double norm = GradientClipping.globalNorm(grads);
                assertEquals(Double.parseDouble(tok[3]), norm, 1e-12 * norm, "global norm, seed " + tok[1]);
            }
            checked++;
        }
        assertTrue(checked >= 2, "norm cases in the golden file");
    }
}
