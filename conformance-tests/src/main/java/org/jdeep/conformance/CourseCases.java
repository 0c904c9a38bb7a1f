package org.jdeep.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdeep.Autograd;
import org.jdeep.Backends;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.conformance.Compare.Stats;
import org.jdeep.conformance.Tolerances.Tolerance;
import org.jdeep.random.RandomState;
import org.jdeep.types.DType;

/**
 * The seeded cases of the Deep Learning Specialization, Courses 1 and 2 ({@code c1c2_public.json} in the
 * shared reference folder, and the suite's own numpy-generated copies of a few of them), reproduced with
 * jdeep's Tensor ops, autograd and {@link RandomState} in FLOAT64 on each backend, against the case's
 * outputs with the case's own tolerance.
 *
 * <p>Covered functions: sigmoid, sigmoid_derivative (autograd), softmax, L1, propagate and optimize
 * (logistic regression, autograd), predict (both), forward_propagation, compute_cost, backward_propagation
 * (explicit formulas on the given cache), update_parameters, linear_forward, linear_backward,
 * initialize_parameters, initialize_parameters_deep, initialize_parameters_he (RandomState), two_layer_model
 * and L_layer_model (autograd), update_parameters_with_gd, _with_momentum, _with_adam, one_hot_matrix,
 * cost (sigmoid cross-entropy) and compute_total_loss. Not covered: cases that are plain scalar arithmetic
 * (schedule_lr_decay, the 1-D gradient check), that need no tensors (initialize_with_zeros shapes, glorot
 * shapes, ones), the 10000-step nn_model run (too slow for CI), and random_mini_batches (a permutation test of
 * RandomState itself, covered by the API's tests).
 */
@SuppressWarnings("try") // scopes (backend selection, memory, no-grad) are used for their effect
final class CourseCases {
    private CourseCases() {
    }

    /** One course case. */
    record CourseCase(String id, String function, Map<String, Object> inputs, Map<String, Object> params,
                      Map<String, Object> outputs, double rtol, double atol, String origin) {
    }

    static final Set<String> FUNCTIONS = Set.of("sigmoid", "sigmoid_derivative", "softmax", "L1", "propagate",
            "optimize", "predict", "forward_propagation", "compute_cost", "backward_propagation", "update_parameters",
            "linear_forward", "linear_backward", "initialize_parameters", "initialize_parameters_deep",
            "initialize_parameters_he", "two_layer_model", "L_layer_model", "update_parameters_with_gd",
            "update_parameters_with_momentum", "update_parameters_with_adam", "one_hot_matrix", "cost",
            "compute_total_loss");

    /** Whether the suite reproduces this case, and if not, why. */
    static String unsupported(CourseCase c) {
        if (!FUNCTIONS.contains(c.function)) {
            return c.function + " is not reproduced (scalar arithmetic, shapes only, or too slow for CI)";
        }
        if (c.function.equals("backward_propagation") && !c.inputs.containsKey("cache")) {
            return "the 1-D gradient-check backward_propagation is scalar arithmetic";
        }
        if (c.function.equals("initialize_parameters") && !c.inputs.containsKey("seed_recipe")) {
            return "checks shapes only";
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    static List<CourseCase> parse(String json, String origin) {
        Map<String, Object> root = (Map<String, Object>) Json.parse(json);
        List<CourseCase> out = new ArrayList<>();
        for (Object o : (List<Object>) root.get("cases")) {
            Map<String, Object> c = (Map<String, Object>) o;
            Map<String, Object> tol = (Map<String, Object>) ((Map<String, Object>) c.get("tolerance")).get("outputs");
            Object inputs = c.get("inputs");
            out.add(new CourseCase((String) c.get("id"), (String) c.get("function"),
                    inputs instanceof Map ? (Map<String, Object>) inputs : Map.of(),
                    (Map<String, Object>) c.getOrDefault("params", Map.of()), (Map<String, Object>) c.get("outputs"),
                    ((Number) tol.get("rtol")).doubleValue(), ((Number) tol.get("atol")).doubleValue(), origin));
        }
        return out;
    }

    /** The shared cases, or null when the folder is absent. */
    static List<CourseCase> shared(Path sharedDir) {
        if (sharedDir == null) {
            return null;
        }
        Path f = sharedDir.resolve("reference/course/c1c2_public.json");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return parse(Files.readString(f, StandardCharsets.UTF_8), "shared");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The suite's own copies (course_cases.json, written by tools/gen_conformance_course.py). */
    static List<CourseCase> own() {
        try (InputStream in = CourseCases.class.getResourceAsStream("course_cases.json")) {
            if (in == null) {
                throw new IllegalStateException("course_cases.json is missing from the conformance suite's resources");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "own");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ running a case

    static List<Stats> run(String backend, CourseCase c) {
        try (Backends.Scope s = Backends.using(backend); MemoryScope scope = MemoryScope.open()) {
            Runner r = new Runner(c);
            r.run();
            return r.stats;
        }
    }

    /** Reproduces one case, comparing each output as it is computed. */
    private static final class Runner {
        final CourseCase c;
        final List<Stats> stats = new ArrayList<>();
        final Map<String, Object> in;
        final Tolerance tol;

        Runner(CourseCase c) {
            this.c = c;
            this.in = c.inputs;
            this.tol = new Tolerance(c.rtol, c.atol, 0, "the case's own tolerance");
        }

        void run() {
            switch (c.function) {
                case "sigmoid" -> {
                    String key = in.containsKey("z") ? "z" : "x";
                    check("s", arr(in.get(key)).sigmoid());
                    if (in.containsKey("z_scalar")) {
                        check("s_scalar", arr(in.get("z_scalar")).sigmoid());
                    }
                }
                case "sigmoid_derivative" -> {
                    Tensor x = arr(in.get("x")).requiresGrad();
                    x.sigmoid().sum().backward();
                    check("ds", x.grad());
                }
                case "softmax" -> check("s", arr(in.get("x")).softmax(1));
                case "L1" -> check("loss", arr(in.get("y")).sub(arr(in.get("yhat"))).abs().sum());
                case "propagate" -> {
                    Tensor w = arr(in.get("w")).requiresGrad();
                    Tensor b = arr(in.get("b")).requiresGrad();
                    Tensor cost = logisticCost(w, b, arr(in.get("X")), arr(in.get("Y")));
                    cost.backward();
                    check("cost", cost);
                    check("dw", w.grad());
                    check("db", b.grad());
                }
                case "optimize" -> optimize();
                case "predict" -> predict();
                case "forward_propagation" -> {
                    Tensor x = arr(in.get("X"));
                    Tensor z1 = arr(in.get("W1")).matmul(x).add(arr(in.get("b1")));
                    Tensor a1 = z1.tanh();
                    Tensor z2 = arr(in.get("W2")).matmul(a1).add(arr(in.get("b2")));
                    check("Z1", z1);
                    check("A1", a1);
                    check("Z2", z2);
                    check("A2", z2.sigmoid());
                }
                case "compute_cost" -> {
                    Tensor a2 = arr(in.get("A2"));
                    Tensor y = arr(in.get("Y"));
                    int m = y.shape().dim(-1);
                    Tensor logprobs = y.mul(a2.log()).add(y.neg().add(1).mul(a2.neg().add(1).log()));
                    check("cost", logprobs.sum().mul(-1.0 / m));
                }
                case "backward_propagation" -> backward();
                case "update_parameters", "update_parameters_with_gd" -> {
                    double lr = num(c.params.get("learning_rate"));
                    Map<String, Object> p = map(in.get("parameters"));
                    Map<String, Object> g = map(in.get("grads"));
                    for (String k : p.keySet()) {
                        check(k, arr(p.get(k)).sub(arr(g.get("d" + k)).mul(lr)));
                    }
                }
                case "linear_forward" -> check("Z", arr(in.get("W")).matmul(arr(in.get("A"))).add(arr(in.get("b"))));
                case "linear_backward" -> {
                    Tensor dz = arr(in.get("dZ"));
                    Tensor aPrev = arr(in.get("A_prev"));
                    int m = aPrev.shape().dim(1);
                    check("dW", dz.matmul(aPrev.transpose()).mul(1.0 / m));
                    check("db", dz.sum(1, true).mul(1.0 / m));
                    check("dA_prev", arr(in.get("W")).transpose().matmul(dz));
                }
                case "initialize_parameters", "initialize_parameters_deep", "initialize_parameters_he" -> {
                    Map<String, Tensor> p = recipe("inside_call");
                    for (Map.Entry<String, Tensor> e : p.entrySet()) {
                        check(e.getKey(), e.getValue());
                        String b = "b" + e.getKey().substring(1);
                        check(b, Tensor.zeros(DType.FLOAT64, e.getValue().shape().dim(0), 1));
                    }
                }
                case "two_layer_model", "L_layer_model" -> deepModel();
                case "update_parameters_with_momentum" -> momentum();
                case "update_parameters_with_adam" -> adam();
                case "one_hot_matrix" -> {
                    int depth = (int) num(in.get("C"));
                    if (in.containsKey("labels")) {
                        check("one_hot", arr(in.get("labels")).to(DType.INT32).oneHot(depth, DType.FLOAT64).transpose());
                    } else {
                        check("one_hot", Tensor.scalar(DType.INT32, num(in.get("label"))).oneHot(depth, DType.FLOAT64));
                    }
                }
                case "cost" -> {
                    Tensor z = arr(in.get("logits"));
                    check("cost", z.softplus().sub(z.mul(arr(in.get("labels")))));
                }
                case "compute_total_loss" -> {
                    Tensor logits = arr(in.get("logits"));
                    check("total_loss", arr(in.get("labels")).mul(logits.logSoftmax(0)).sum().neg());
                }
                default -> throw new IllegalStateException("no reproduction of " + c.function);
            }
        }

        /** -1/m sum(Y log A + (1-Y) log(1-A)) with A = sigmoid(w^T X + b) (Course 1, week 2). */
        Tensor logisticCost(Tensor w, Tensor b, Tensor x, Tensor y) {
            int m = x.shape().dim(1);
            Tensor a = w.transpose().matmul(x).add(b).sigmoid();
            return crossEntropy(a, y, m);
        }

        Tensor crossEntropy(Tensor a, Tensor y, int m) {
            Tensor l = y.mul(a.log()).add(y.neg().add(1).mul(a.neg().add(1).log()));
            return l.sum().mul(-1.0 / m);
        }

        void optimize() {
            int iterations = (int) num(c.params.get("num_iterations"));
            double lr = num(c.params.get("learning_rate"));
            Tensor w = arr(in.get("w")).requiresGrad();
            Tensor b = arr(in.get("b")).requiresGrad();
            Tensor x = arr(in.get("X"));
            Tensor y = arr(in.get("Y"));
            List<Double> costs = new ArrayList<>();
            Tensor dw = null;
            Tensor db = null;
            for (int i = 0; i < iterations; i++) {
                try (MemoryScope step = MemoryScope.open()) {
                    w.zeroGrad();
                    b.zeroGrad();
                    Tensor cost = logisticCost(w, b, x, y);
                    cost.backward();
                    if (i % 100 == 0) {
                        costs.add(cost.item());
                    }
                    try (Autograd.NoGrad off = Autograd.noGrad()) {
                        dw = w.grad().detach().to(DType.FLOAT64);
                        db = b.grad().detach().to(DType.FLOAT64);
                        step.keep(dw, db);
                        w.assign(w.sub(w.grad().mul(lr)));
                        b.assign(b.sub(b.grad().mul(lr)));
                    }
                }
            }
            check("w", w);
            check("b", b);
            check("dw", dw);
            check("db", db);
            checkList("costs", costs);
        }

        void predict() {
            if (in.containsKey("parameters")) {
                Map<String, Object> p = map(in.get("parameters"));
                Tensor x = arr(in.get("X"));
                Tensor a1 = arr(p.get("W1")).matmul(x).add(arr(p.get("b1"))).tanh();
                Tensor a2 = arr(p.get("W2")).matmul(a1).add(arr(p.get("b2"))).sigmoid();
                Tensor pred = a2.gt(0.5);
                check("predictions", pred);
                check("mean", pred.mean());
            } else {
                Tensor a = arr(in.get("w")).transpose().matmul(arr(in.get("X"))).add(arr(in.get("b"))).sigmoid();
                check("Y_prediction", a.gt(0.5));
            }
        }

        void backward() {
            Map<String, Object> p = map(in.get("parameters"));
            Map<String, Object> cache = map(in.get("cache"));
            Tensor x = arr(in.get("X"));
            Tensor y = arr(in.get("Y"));
            int m = x.shape().dim(1);
            Tensor a1 = arr(cache.get("A1"));
            Tensor dz2 = arr(cache.get("A2")).sub(y);
            check("dW2", dz2.matmul(a1.transpose()).mul(1.0 / m));
            check("db2", dz2.sum(1, true).mul(1.0 / m));
            Tensor dz1 = arr(p.get("W2")).transpose().matmul(dz2).mul(a1.square().neg().add(1));
            check("dW1", dz1.matmul(x.transpose()).mul(1.0 / m));
            check("db1", dz1.sum(1, true).mul(1.0 / m));
        }

        /** [LINEAR->RELU]*(L-1) -> LINEAR->SIGMOID trained with autograd (Course 1, week 4). */
        void deepModel() {
            Tensor x = arr(in.get("X"));
            Tensor y = arr(in.get("Y"));
            int m = x.shape().dim(1);
            double lr = num(c.params.get("learning_rate"));
            int iterations = (int) num(c.params.get("num_iterations"));
            Map<String, Tensor> init = recipe("inside_call");
            List<Tensor> ws = new ArrayList<>();
            List<Tensor> bs = new ArrayList<>();
            for (Tensor w : init.values()) {
                ws.add(w.requiresGrad());
                bs.add(Tensor.zeros(DType.FLOAT64, w.shape().dim(0), 1).requiresGrad());
            }
            List<Double> costs = new ArrayList<>();
            double last = Double.NaN;
            for (int i = 0; i < iterations; i++) {
                try (MemoryScope step = MemoryScope.open()) {
                    Tensor a = x;
                    for (int l = 0; l < ws.size(); l++) {
                        Tensor z = ws.get(l).matmul(a).add(bs.get(l));
                        a = l == ws.size() - 1 ? z.sigmoid() : z.relu();
                    }
                    Tensor cost = crossEntropy(a, y, m);
                    cost.backward();
                    last = cost.item();
                    if (i % 100 == 0) {
                        costs.add(last);
                    }
                    try (Autograd.NoGrad off = Autograd.noGrad()) {
                        for (Tensor t : concat(ws, bs)) {
                            t.assign(t.sub(t.grad().mul(lr)));
                            t.zeroGrad();
                        }
                    }
                }
            }
            for (int l = 0; l < ws.size(); l++) {
                check("W" + (l + 1), ws.get(l));
                check("b" + (l + 1), bs.get(l));
            }
            checkList("costs", costs);
            if (c.outputs.containsKey("printed_last_cost")) {
                check("printed_last_cost", Tensor.scalar(last));
            }
        }

        void momentum() {
            double beta = num(c.params.get("beta"));
            double lr = num(c.params.get("learning_rate"));
            Map<String, Object> p = map(in.get("parameters"));
            Map<String, Object> g = map(in.get("grads"));
            Map<String, Object> v = map(in.get("v"));
            Map<String, Object> outP = map(c.outputs.get("parameters"));
            Map<String, Object> outV = map(c.outputs.get("v"));
            for (String k : p.keySet()) {
                Tensor vk = arr(v.get("d" + k)).mul(beta).add(arr(g.get("d" + k)).mul(1 - beta));
                compare("v.d" + k, vk, outV.get("d" + k));
                compare("parameters." + k, arr(p.get(k)).sub(vk.mul(lr)), outP.get(k));
            }
        }

        void adam() {
            double t = num(c.params.get("t"));
            double lr = num(c.params.get("learning_rate"));
            double b1 = num(c.params.get("beta1"));
            double b2 = num(c.params.get("beta2"));
            double eps = num(c.params.get("epsilon"));
            boolean epsInSqrt = String.valueOf(c.params.get("variant")).contains("sqrt(s_corrected + epsilon)");
            Map<String, Object> p = map(in.get("parameters"));
            Map<String, Object> g = map(in.get("grads"));
            Map<String, Object> v = map(in.get("v"));
            Map<String, Object> s = map(in.get("s"));
            for (String k : p.keySet()) {
                Tensor gk = arr(g.get("d" + k));
                Tensor vk = arr(v.get("d" + k)).mul(b1).add(gk.mul(1 - b1));
                Tensor vc = vk.div(1 - Math.pow(b1, t));
                Tensor sk = arr(s.get("d" + k)).mul(b2).add(gk.square().mul(1 - b2));
                Tensor sc = sk.div(1 - Math.pow(b2, t));
                Tensor denom = epsInSqrt ? sc.add(eps).sqrt() : sc.sqrt().add(eps);
                compareIfPresent("parameters", k, arr(p.get(k)).sub(vc.div(denom).mul(lr)));
                compareIfPresent("v", "d" + k, vk);
                compareIfPresent("s", "d" + k, sk);
                compareIfPresent("v_corrected", "d" + k, vc);
                compareIfPresent("s_corrected", "d" + k, sc);
            }
        }

        private void compareIfPresent(String group, String key, Tensor actual) {
            Object o = c.outputs.get(group);
            if (o instanceof Map<?, ?> m && m.containsKey(key)) {
                compare(group + "." + key, actual, m.get(key));
            }
        }

        /** Runs a seed recipe on one RandomState, building each named array with Tensor ops on the backend. */
        @SuppressWarnings("unchecked")
        Map<String, Tensor> recipe(String part) {
            Map<String, Object> r = map(in.get("seed_recipe"));
            Map<String, Tensor> out = new LinkedHashMap<>();
            RandomState rs = new RandomState(0);
            for (Object o : (List<Object>) r.get(part)) {
                Map<String, Object> step = (Map<String, Object>) o;
                String op = (String) step.get("op");
                if (op.equals("seed")) {
                    rs.seed((long) num(step.get("seed")));
                    continue;
                }
                int[] shape = ints((List<Object>) step.get("shape"));
                Tensor t = switch (op) {
                    case "randn" -> rs.randn(shape);
                    case "rand" -> rs.rand(shape);
                    default -> throw new IllegalStateException("recipe op " + op);
                };
                List<Object> post = (List<Object>) step.get("post");
                if (post != null) {
                    double v = num(post.get(1));
                    t = switch ((String) post.get(0)) {
                        case "mul" -> t.mul(v);
                        case "div" -> t.div(v);
                        case "gt" -> t.gt(v);
                        case "lt" -> t.lt(v);
                        default -> throw new IllegalStateException("recipe post " + post);
                    };
                }
                out.put((String) step.get("name"), t);
            }
            return out;
        }

        private List<Tensor> concat(List<Tensor> a, List<Tensor> b) {
            List<Tensor> r = new ArrayList<>(a);
            r.addAll(b);
            return r;
        }

        void check(String key, Tensor actual) {
            compare(key, actual, c.outputs.get(key));
        }

        void checkList(String key, List<Double> values) {
            double[] v = new double[values.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = values.get(i);
            }
            compareArrays(key, v, new int[] {v.length}, c.outputs.get(key));
        }

        void compare(String key, Tensor actual, Object expected) {
            if (actual == null) {
                stats.add(Stats.failure("course", key + ": no value (a gradient that was never computed?)"));
                return;
            }
            compareArrays(key, actual.toDoubleArray(), actual.shape().dims(), expected);
        }

        @SuppressWarnings("unchecked")
        void compareArrays(String key, double[] actual, int[] shape, Object expected) {
            if (expected == null) {
                return;
            }
            double[] e;
            if (expected instanceof Map<?, ?> m) {
                e = doubles((List<Object>) m.get("data"));
                int[] es = ints((List<Object>) m.get("shape"));
                if (org.jdeep.types.Shape.of(es).size() != actual.length) {
                    stats.add(Stats.failure("course", key + ": shape " + java.util.Arrays.toString(shape)
                            + " != expected " + java.util.Arrays.toString(es)));
                    return;
                }
            } else if (expected instanceof List<?> l) {
                e = doubles((List<Object>) l);
            } else {
                e = new double[] {num(expected)};
            }
            Stats s = Compare.compare("course", actual, e, DType.FLOAT64, tol, null);
            stats.add(s.ok() ? s : new Stats(s.reference(), s.n(), s.failures(), s.maxAbs(), s.maxRel(),
                    key + ": " + s.detail()));
        }
    }

    // ------------------------------------------------------------------ JSON helpers

    @SuppressWarnings("unchecked")
    static Tensor arr(Object o) {
        if (o instanceof Map<?, ?> m) {
            double[] d = doubles((List<Object>) m.get("data"));
            return Tensor.of(d, ints((List<Object>) m.get("shape")));
        }
        return Tensor.scalar(num(o));
    }

    static double num(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if ("inf".equals(o)) {
            return Double.POSITIVE_INFINITY;
        }
        if ("-inf".equals(o)) {
            return Double.NEGATIVE_INFINITY;
        }
        if ("nan".equals(o)) {
            return Double.NaN;
        }
        if (o instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new IllegalArgumentException("not a number: " + o);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    static double[] doubles(List<Object> l) {
        double[] d = new double[l.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = num(l.get(i));
        }
        return d;
    }

    static int[] ints(List<Object> l) {
        int[] d = new int[l.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (int) num(l.get(i));
        }
        return d;
    }
}
