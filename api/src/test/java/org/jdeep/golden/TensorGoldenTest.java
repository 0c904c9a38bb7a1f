package org.jdeep.golden;

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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jdeep.Tensor;
import org.jdeep.types.DType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks every Tensor operation against numpy: one dynamic test per case of {@code tensor_golden.txt},
 * written by {@code tools/gen_tensor_golden.py} (which documents the format, the ops and the tolerances).
 * Each case builds its inputs with {@link Tensor#of}, applies a chain of ops through the public API and
 * compares the dtype, the shape and every value with numpy's result.
 */
class TensorGoldenTest {
    private static final String RESOURCE = "tensor_golden.txt";

    /** Default tolerances by result dtype (see the generator's docstring for the reasoning). */
    private static final double F32_RTOL = 1.3e-6;
    private static final double F32_ATOL = 1e-5;
    private static final double F64_RTOL = 1e-12;
    private static final double F64_ATOL = 1e-12;

    /** A tensor literal: dtype, shape and the values as written. */
    record Literal(DType dtype, int[] shape, String[] values) {
    }

    /**
     * One golden case. rtol/atol are NaN for "use the dtype's default"; exact means ==; bits means exact and
     * zeros of the expected sign.
     */
    record Case(String name, int line, List<Literal> inputs, List<String[]> ops, Literal out, boolean exact,
                boolean bits, double rtol, double atol) {
    }

    static String numpyVersion;

    static List<Case> load() throws IOException {
        InputStream in = TensorGoldenTest.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IOException("test resource org/jdeep/golden/" + RESOURCE
                    + " is missing; run python3 tools/gen_tensor_golden.py");
        }
        List<Case> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String name = null;
            int start = 0;
            List<Literal> inputs = null;
            List<String[]> ops = null;
            Literal out = null;
            boolean exact = false;
            boolean bits = false;
            double rtol = Double.NaN;
            double atol = Double.NaN;
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] tok = line.trim().split(" +");
                switch (tok[0]) {
                    case "numpy" -> numpyVersion = tok[1];
                    case "case" -> {
                        name = tok[1];
                        start = lineNo;
                        inputs = new ArrayList<>();
                        ops = new ArrayList<>();
                        out = null;
                        exact = false;
                        bits = false;
                        rtol = Double.NaN;
                        atol = Double.NaN;
                    }
                    case "in" -> inputs.add(literal(tok, lineNo));
                    case "op" -> ops.add(Arrays.copyOfRange(tok, 1, tok.length));
                    case "out" -> out = literal(tok, lineNo);
                    case "tol" -> {
                        if (tok[1].equals("exact") || tok[1].equals("bits")) {
                            exact = true;
                            bits = tok[1].equals("bits");
                        } else {
                            rtol = Double.parseDouble(tok[1]);
                            atol = Double.parseDouble(tok[2]);
                        }
                    }
                    case "end" -> {
                        if (name == null || out == null || ops.isEmpty()) {
                            throw new IOException(RESOURCE + ":" + lineNo + ": incomplete case " + name);
                        }
                        cases.add(new Case(name, start, inputs, ops, out, exact, bits, rtol, atol));
                        name = null;
                    }
                    default -> throw new IOException(RESOURCE + ":" + lineNo + ": unknown record " + tok[0]);
                }
            }
        }
        return cases;
    }

    private static Literal literal(String[] tok, int lineNo) throws IOException {
        DType dt = dtype(tok[1]);
        int[] shape = tok[2].equals("-") ? new int[0]
                : Arrays.stream(tok[2].split("x")).mapToInt(Integer::parseInt).toArray();
        String[] values = Arrays.copyOfRange(tok, 3, tok.length);
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        if (size != values.length) {
            throw new IOException(RESOURCE + ":" + lineNo + ": " + values.length + " values for shape " + tok[2]);
        }
        return new Literal(dt, shape, values);
    }

    private static DType dtype(String s) {
        return switch (s) {
            case "f32" -> DType.FLOAT32;
            case "f64" -> DType.FLOAT64;
            case "i32" -> DType.INT32;
            default -> throw new IllegalArgumentException("unknown dtype " + s);
        };
    }

    @Test
    void fileIsWellFormed() throws IOException {
        List<Case> cases = load();
        assertTrue(numpyVersion != null, "the golden file names the numpy version that wrote it");
        assertTrue(cases.size() > 500, "expected the full set of golden cases, found " + cases.size());
        Set<String> names = new HashSet<>();
        for (Case c : cases) {
            assertTrue(names.add(c.name), "duplicate case name " + c.name);
        }
    }

    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        return load().stream().map(c -> DynamicTest.dynamicTest(c.name, () -> run(c)));
    }

    // ------------------------------------------------------------------ running a case

    static void run(Case c) {
        List<Tensor> regs = new ArrayList<>();
        try {
            for (Literal in : c.inputs) {
                regs.add(build(in));
            }
            for (String[] op : c.ops) {
                Tensor r;
                try {
                    r = apply(op, regs);
                } catch (RuntimeException e) {
                    throw new AssertionError(c.name + " (line " + c.line + "): op '" + String.join(" ", op)
                            + "' threw " + e, e);
                }
                regs.add(r);
            }
            compare(c, regs.get(regs.size() - 1));
        } finally {
            for (Tensor t : regs) {
                t.close();
            }
        }
    }

    static Tensor build(Literal l) {
        String[] v = l.values;
        switch (l.dtype) {
            case FLOAT32 -> {
                float[] a = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    a[i] = Float.parseFloat(v[i]);
                }
                return Tensor.of(a, l.shape);
            }
            case FLOAT64 -> {
                double[] a = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    a[i] = Double.parseDouble(v[i]);
                }
                return Tensor.of(a, l.shape);
            }
            default -> {
                int[] a = new int[v.length];
                for (int i = 0; i < v.length; i++) {
                    a[i] = Integer.parseInt(v[i]);
                }
                return Tensor.of(a, l.shape);
            }
        }
    }

    private static double expectedValue(Literal l, int i) {
        return switch (l.dtype) {
            case FLOAT32 -> Float.parseFloat(l.values[i]);
            case FLOAT64 -> Double.parseDouble(l.values[i]);
            default -> Integer.parseInt(l.values[i]);
        };
    }

    static void compare(Case c, Tensor actual) {
        String where = c.name + " (line " + c.line + ")";
        assertEquals(c.out.dtype, actual.dtype(), where + ": dtype");
        assertEquals(Arrays.toString(c.out.shape), Arrays.toString(actual.shape().dims()), where + ": shape");
        int n = c.out.values.length;
        if (c.out.dtype == DType.INT32) {
            int[] a = actual.toIntArray();
            assertEquals(n, a.length, where + ": element count");
            for (int i = 0; i < n; i++) {
                int e = Integer.parseInt(c.out.values[i]);
                if (a[i] != e) {
                    fail(message(where, c, i, Integer.toString(e), Integer.toString(a[i]), "exact", a.length,
                            countIntMismatches(c, a)));
                }
            }
            return;
        }
        boolean exact = c.exact;
        double rtol = Double.isNaN(c.rtol) ? (c.out.dtype == DType.FLOAT32 ? F32_RTOL : F64_RTOL) : c.rtol;
        double atol = Double.isNaN(c.atol) ? (c.out.dtype == DType.FLOAT32 ? F32_ATOL : F64_ATOL) : c.atol;
        double[] a = actual.toDoubleArray();
        assertEquals(n, a.length, where + ": element count");
        int bad = 0;
        int first = -1;
        for (int i = 0; i < n; i++) {
            if (!close(expectedValue(c.out, i), a[i], exact, c.bits, rtol, atol)) {
                bad++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (bad > 0) {
            String tol = c.bits ? "exact, sign of zero included"
                    : exact ? "exact" : "rtol " + rtol + ", atol " + atol;
            fail(message(where, c, first, c.out.values[first], Double.toString(a[first]), tol, n, bad));
        }
    }

    /**
     * NaN matches only NaN, infinities only themselves; finite values exactly (with {@code bits}, zeros of
     * the same sign) or within atol + rtol*|e|.
     */
    static boolean close(double e, double a, boolean exact, boolean bits, double rtol, double atol) {
        if (Double.isNaN(e) || Double.isNaN(a)) {
            return Double.isNaN(e) && Double.isNaN(a);
        }
        if (bits && e == 0 && a == 0) {
            return Double.doubleToRawLongBits(e) == Double.doubleToRawLongBits(a);
        }
        if (Double.isInfinite(e) || Double.isInfinite(a) || exact) {
            return e == a;
        }
        return Math.abs(a - e) <= atol + rtol * Math.abs(e);
    }

    private static int countIntMismatches(Case c, int[] a) {
        int bad = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != Integer.parseInt(c.out.values[i])) {
                bad++;
            }
        }
        return bad;
    }

    private static String message(String where, Case c, int flat, String expected, String actual, String tol,
                                  int n, int bad) {
        return where + ": ops [" + opsString(c) + "]: at flat index " + flat + " " + multiIndex(c.out.shape, flat)
                + " expected " + expected + " but was " + actual + " (" + tol + "; " + bad + " of " + n
                + " elements differ)";
    }

    private static String opsString(Case c) {
        StringBuilder sb = new StringBuilder();
        for (String[] op : c.ops) {
            sb.append(sb.length() == 0 ? "" : "; ").append(String.join(" ", op));
        }
        return sb.toString();
    }

    private static String multiIndex(int[] shape, int flat) {
        int[] idx = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = flat % shape[i];
            flat /= shape[i];
        }
        return Arrays.toString(idx);
    }

    // ------------------------------------------------------------------ the op interpreter

    private static final Map<String, BiFunction<Tensor, Tensor, Tensor>> BINARY = Map.ofEntries(
            Map.entry("add", Tensor::add), Map.entry("sub", Tensor::sub), Map.entry("mul", Tensor::mul),
            Map.entry("div", Tensor::div), Map.entry("pow", Tensor::pow), Map.entry("maximum", Tensor::maximum),
            Map.entry("minimum", Tensor::minimum), Map.entry("eq", Tensor::eq), Map.entry("ne", Tensor::ne),
            Map.entry("gt", Tensor::gt), Map.entry("ge", Tensor::ge), Map.entry("lt", Tensor::lt),
            Map.entry("le", Tensor::le), Map.entry("matmul", Tensor::matmul));

    private static final Map<String, BiFunction<Tensor, Double, Tensor>> SCALAR = Map.ofEntries(
            Map.entry("add", Tensor::add), Map.entry("sub", Tensor::sub), Map.entry("mul", Tensor::mul),
            Map.entry("div", Tensor::div), Map.entry("pow", Tensor::pow), Map.entry("maximum", Tensor::maximum),
            Map.entry("minimum", Tensor::minimum), Map.entry("eq", Tensor::eq), Map.entry("ne", Tensor::ne),
            Map.entry("gt", Tensor::gt), Map.entry("ge", Tensor::ge), Map.entry("lt", Tensor::lt),
            Map.entry("le", Tensor::le));

    private static final Map<String, Function<Tensor, Tensor>> UNARY = Map.ofEntries(
            Map.entry("neg", Tensor::neg), Map.entry("exp", Tensor::exp), Map.entry("log", Tensor::log),
            Map.entry("log1p", Tensor::log1p), Map.entry("expm1", Tensor::expm1), Map.entry("sqrt", Tensor::sqrt),
            Map.entry("abs", Tensor::abs), Map.entry("sign", Tensor::sign), Map.entry("square", Tensor::square),
            Map.entry("reciprocal", Tensor::reciprocal), Map.entry("tanh", Tensor::tanh),
            Map.entry("sigmoid", Tensor::sigmoid), Map.entry("softplus", Tensor::softplus),
            Map.entry("logSigmoid", Tensor::logSigmoid), Map.entry("relu", Tensor::relu),
            Map.entry("transpose", Tensor::transpose), Map.entry("flatten", Tensor::flatten));

    /** Applies one op line to the registers; the caller appends the result as the next register. */
    static Tensor apply(String[] op, List<Tensor> regs) {
        String name = op[0];
        Args a = new Args(op, regs);
        if (BINARY.containsKey(name) && op.length == 3 && op[2].startsWith("%")) {
            return BINARY.get(name).apply(a.t(1), a.t(2));
        }
        if (SCALAR.containsKey(name) && op.length == 3) {
            return SCALAR.get(name).apply(a.t(1), a.d(2));
        }
        if (UNARY.containsKey(name) && op.length == 2) {
            return UNARY.get(name).apply(a.t(1));
        }
        switch (name) {
            case "leakyRelu":
                return a.t(1).leakyRelu(a.d(2));
            case "clip":
                return a.t(1).clip(a.d(2), a.d(3));
            case "where":
                return Tensor.where(a.t(1), a.t(2), a.t(3));
            case "sum":
            case "mean":
            case "max":
            case "min":
            case "var":
            case "std":
                return op.length == 2 ? reduceAll(name, a.t(1)) : reduce(name, a.t(1), a.i(2), a.b(3));
            case "argmax":
                return a.t(1).argmax(a.i(2));
            case "argmin":
                return a.t(1).argmin(a.i(2));
            case "permute":
                return a.t(1).permute(a.ints(2));
            case "reshape":
                return a.t(1).reshape(a.ints(2));
            case "squeeze":
                return a.t(1).squeeze(a.i(2));
            case "unsqueeze":
                return a.t(1).unsqueeze(a.i(2));
            case "broadcastTo":
                return a.t(1).broadcastTo(a.ints(2));
            case "slice":
                return a.t(1).slice(a.i(2), a.i(3), a.i(4), a.i(5));
            case "concat":
                return Tensor.concat(a.tensors(2), a.i(1));
            case "stack":
                return Tensor.stack(a.tensors(2), a.i(1));
            case "pad": {
                int[] w = a.ints(3);
                int[][] widths = new int[w.length / 2][];
                for (int i = 0; i < widths.length; i++) {
                    widths[i] = new int[] {w[2 * i], w[2 * i + 1]};
                }
                return a.t(1).pad(widths, a.d(2));
            }
            case "gather":
                return a.t(1).gather(a.t(2), a.i(3));
            case "oneHot":
                return op.length == 3 ? a.t(1).oneHot(a.i(2)) : a.t(1).oneHot(a.i(2), dtype(op[3]));
            case "softmax":
                return a.t(1).softmax(a.i(2));
            case "logSoftmax":
                return a.t(1).logSoftmax(a.i(2));
            case "logSumExp":
                return a.t(1).logSumExp(a.i(2), a.b(3));
            case "to":
                return a.t(1).to(dtype(op[2]));
            case "arange":
                return Tensor.arange(a.i(1));
            case "arange_r":
                return Tensor.arange(dtype(op[1]), a.d(2), a.d(3), a.d(4));
            case "eye":
                return Tensor.eye(dtype(op[1]), a.i(2));
            case "full":
                return Tensor.full(dtype(op[1]), a.d(2), a.ints(3));
            case "zeros":
                return Tensor.zeros(dtype(op[1]), a.ints(2));
            case "ones":
                return Tensor.ones(dtype(op[1]), a.ints(2));
            case "scalar":
                return Tensor.scalar(a.d(1));
            case "scalar_d":
                return Tensor.scalar(dtype(op[1]), a.d(2));
            default:
                throw new IllegalArgumentException("golden interpreter: unknown op " + String.join(" ", op));
        }
    }

    private static Tensor reduceAll(String name, Tensor t) {
        return switch (name) {
            case "sum" -> t.sum();
            case "mean" -> t.mean();
            case "max" -> t.max();
            case "min" -> t.min();
            case "var" -> t.var();
            default -> t.std();
        };
    }

    private static Tensor reduce(String name, Tensor t, int axis, boolean keep) {
        return switch (name) {
            case "sum" -> t.sum(axis, keep);
            case "mean" -> t.mean(axis, keep);
            case "max" -> t.max(axis, keep);
            case "min" -> t.min(axis, keep);
            case "var" -> t.var(axis, keep);
            default -> t.std(axis, keep);
        };
    }

    /** Typed access to an op line's arguments. */
    private record Args(String[] op, List<Tensor> regs) {
        Tensor t(int i) {
            if (!op[i].startsWith("%")) {
                throw new IllegalArgumentException("argument " + i + " of '" + String.join(" ", op)
                        + "' is not a register");
            }
            return regs.get(Integer.parseInt(op[i].substring(1)));
        }

        int i(int i) {
            return switch (op[i]) {
                case "Integer.MAX_VALUE" -> Integer.MAX_VALUE;
                case "Integer.MIN_VALUE" -> Integer.MIN_VALUE;
                default -> Integer.parseInt(op[i]);
            };
        }

        double d(int i) {
            return Double.parseDouble(op[i]);
        }

        boolean b(int i) {
            return switch (op[i]) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("not a boolean: " + op[i]);
            };
        }

        int[] ints(int from) {
            int[] r = new int[op.length - from];
            for (int k = 0; k < r.length; k++) {
                r[k] = i(from + k);
            }
            return r;
        }

        List<Tensor> tensors(int from) {
            List<Tensor> r = new ArrayList<>();
            for (int k = from; k < op.length; k++) {
                r.add(t(k));
            }
            return r;
        }
    }
}
