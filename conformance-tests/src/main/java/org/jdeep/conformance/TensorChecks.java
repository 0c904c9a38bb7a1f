package org.jdeep.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdeep.Autograd;
import org.jdeep.Backends;
import org.jdeep.MemoryScope;
import org.jdeep.Tensor;
import org.jdeep.conformance.Compare.Stats;
import org.jdeep.conformance.GoldenCases.Case;
import org.jdeep.conformance.GoldenCases.Host;
import org.jdeep.conformance.TensorOps.InputLayout;
import org.jdeep.conformance.Tolerances.Family;
import org.jdeep.conformance.Tolerances.Tolerance;
import org.jdeep.spi.ReduceOp;
import org.jdeep.types.DType;

/**
 * Checks of {@link Tensor} operations, forward and gradient, on one backend: against the numpy golden value,
 * against the same op on transposed, sliced, stepped and reversed input views, against the same computation
 * in FLOAT64 (for FLOAT32 cases), against autograd's FLOAT64 gradients and central differences, and against
 * every other available backend.
 */
@SuppressWarnings("try") // scopes (backend selection, memory, no-grad) are used for their effect
final class TensorChecks {
    private TensorChecks() {
    }

    /** A result brought back to the host. */
    record Result(DType dtype, int[] shape, double[] values) {
    }

    private static final Map<String, Object> MEMO = new ConcurrentHashMap<>();
    private static final InputLayout[] LAYOUTS = {InputLayout.TRANSPOSED, InputLayout.SLICED, InputLayout.STEPPED,
        InputLayout.REVERSED};

    /** Forgets memoised results (between runs of the suite in one JVM). */
    static void clear() {
        MEMO.clear();
    }

    // ------------------------------------------------------------------ running

    static Result run(String backend, List<Host> inputs, String[] op, InputLayout layout) {
        try (Backends.Scope s = Backends.using(backend); MemoryScope scope = MemoryScope.open()) {
            List<Tensor> in = new ArrayList<>();
            for (Host h : inputs) {
                in.add(TensorOps.make(h, layout));
            }
            Tensor out = TensorOps.apply(op, in);
            return new Result(out.dtype(), out.shape().dims(), out.toDoubleArray());
        }
    }

    private static Result memo(String backend, Case c) {
        return (Result) MEMO.computeIfAbsent("fwd|" + backend + "|" + c.name(),
                k -> run(backend, c.inputs(), c.op(), InputLayout.CONTIGUOUS));
    }

    static List<Host> widened(List<Host> inputs) {
        List<Host> r = new ArrayList<>();
        for (Host h : inputs) {
            r.add(h.dtype() == DType.FLOAT32 ? h.as(DType.FLOAT64) : h);
        }
        return r;
    }

    static boolean hasFloat32(List<Host> inputs) {
        for (Host h : inputs) {
            if (h.dtype() == DType.FLOAT32) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ forward

    static List<Stats> forward(String backend, Case c, List<String> partners) {
        List<Stats> s = new ArrayList<>();
        GoldenCases.Expected e = c.expected();
        Result r = memo(backend, c);
        s.add(Compare.compareShape("numpy", r.shape, e.shape()));
        if (r.dtype != e.dtype()) {
            s.add(Stats.failure("numpy", "dtype " + r.dtype + " != expected " + e.dtype()));
            return s;
        }
        double[] mag = magnitude(c.op(), c.inputs(), r.values.length);
        Tolerance tol = Tolerances.of(c.family(), e.dtype());
        s.add(Compare.compare("numpy", e.select(r.values), e.values(), e.dtype(), tol, select(e, mag)));
        for (InputLayout l : LAYOUTS) {
            if (e.sampled() && l != InputLayout.STEPPED) {
                continue;
            }
            boolean applies = false;
            for (Host h : c.inputs()) {
                applies |= TensorOps.applies(l, h);
            }
            if (!applies) {
                continue;
            }
            Result rl = run(backend, c.inputs(), c.op(), l);
            if (e.sampled()) {
                s.add(Compare.compare("layouts", rl.values, r.values, e.dtype(), tol.doubled(), mag));
            } else {
                s.add(Compare.compare("layouts", e.select(rl.values), e.values(), e.dtype(), tol, mag));
            }
        }
        if (hasFloat32(c.inputs())) {
            Result r64 = run(backend, widened(c.inputs()), TensorOps.widened(c.op()), InputLayout.CONTIGUOUS);
            s.add(Compare.compare("float64", r.values, Compare.roundTo(r64.values, e.dtype()), e.dtype(), tol, mag));
        }
        for (String p : partners) {
            if (!p.equals(backend)) {
                Result rp = memo(p, c);
                s.add(Compare.compare(p, r.values, rp.values, e.dtype(), tol.doubled(), mag));
            }
        }
        return s;
    }

    private static double[] select(GoldenCases.Expected e, double[] mag) {
        return mag == null ? null : e.select(mag);
    }

    // ------------------------------------------------------------------ gradients

    /** Whether the case's gradient is checked: it lists inputs and every input is finite. */
    static boolean hasGradient(Case c) {
        if (c.grad() == null || c.expected().sampled()) {
            return false;
        }
        for (Host h : c.inputs()) {
            for (double v : h.values()) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The weights w of the loss sum(out * w): never zero, exactly representable, not constant. */
    static double[] weights(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = ((i * 7) % 11 - 5.5) / 4;
        }
        return w;
    }

    @SuppressWarnings("unchecked")
    static List<double[]> analytic(String backend, Case c, List<Host> inputs, String[] op, InputLayout layout) {
        String key = "grad|" + backend + "|" + c.name() + "|" + layout + "|" + inputs.get(0).dtype();
        return (List<double[]>) MEMO.computeIfAbsent(key, k -> analytic0(backend, c, inputs, op, layout));
    }

    private static List<double[]> analytic0(String backend, Case c, List<Host> inputs, String[] op, InputLayout layout) {
        try (Backends.Scope s = Backends.using(backend); MemoryScope scope = MemoryScope.open()) {
            List<Tensor> in = new ArrayList<>();
            List<Tensor> leaves = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                Tensor t = TensorOps.make(inputs.get(i), layout);
                if (contains(c.grad(), i)) {
                    t = t.requiresGrad();
                    leaves.add(t);
                }
                in.add(t);
            }
            Tensor out = TensorOps.apply(op, in);
            Tensor w = TensorOps.make(new Host(out.dtype(), out.shape().dims(), weights(out.size())));
            Tensor loss = out.mul(w).sum();
            List<double[]> grads = new ArrayList<>();
            if (loss.tracksGrad()) {
                loss.backward();
            }
            for (int i = 0; i < leaves.size(); i++) {
                Tensor g = leaves.get(i).grad();
                grads.add(g == null ? new double[leaves.get(i).size()] : g.toDoubleArray());
            }
            return grads;
        }
    }

    /** Central differences of sum(out * w) in FLOAT64 on the backend, with every op's forward pass only. */
    static List<double[]> numeric(String backend, Case c, List<Host> inputs64) {
        List<double[]> grads = new ArrayList<>();
        try (Backends.Scope s = Backends.using(backend); Autograd.NoGrad off = Autograd.noGrad()) {
            for (int k : c.grad()) {
                Host h = inputs64.get(k);
                double[] g = new double[h.size()];
                for (int i = 0; i < h.size(); i++) {
                    double x = h.values()[i];
                    double step = 1e-6 * Math.max(1, Math.abs(x));
                    double up = loss(c, inputs64, k, i, x + step);
                    double down = loss(c, inputs64, k, i, x - step);
                    g[i] = (up - down) / (2 * step);
                }
                grads.add(g);
            }
        }
        return grads;
    }

    private static double loss(Case c, List<Host> inputs, int k, int i, double value) {
        try (MemoryScope scope = MemoryScope.open()) {
            List<Tensor> in = new ArrayList<>();
            for (int j = 0; j < inputs.size(); j++) {
                Host h = inputs.get(j);
                if (j == k) {
                    double[] v = h.values().clone();
                    v[i] = value;
                    h = new Host(h.dtype(), h.shape(), v);
                }
                in.add(TensorOps.make(h));
            }
            Tensor out = TensorOps.apply(TensorOps.widened(c.op()), in);
            double[] o = out.toDoubleArray();
            double[] w = weights(o.length);
            double sum = 0;
            for (int j = 0; j < o.length; j++) {
                sum += o[j] * w[j];
            }
            return sum;
        }
    }

    static List<Stats> gradient(String backend, Case c, List<String> partners) {
        List<Stats> s = new ArrayList<>();
        DType dt = c.dtype();
        List<double[]> g = analytic(backend, c, c.inputs(), c.op(), InputLayout.CONTIGUOUS);
        List<Host> in64 = widened(c.inputs());
        List<double[]> g64 = dt == DType.FLOAT32
                ? analytic(backend, c, in64, TensorOps.widened(c.op()), InputLayout.CONTIGUOUS) : g;
        List<double[]> num = numeric(backend, c, in64);
        Tolerance numTol = Tolerances.of(Family.NUMERIC_GRADIENT, DType.FLOAT64);
        Tolerance gradTol = Tolerances.of(Family.GRADIENT, dt);
        for (int i = 0; i < g.size(); i++) {
            s.add(Compare.compare("numeric", g64.get(i), num.get(i), DType.FLOAT64, numTol, null));
            if (dt == DType.FLOAT32) {
                s.add(Compare.compare("float64", g.get(i), Compare.roundTo(g64.get(i), dt), dt, gradTol, null));
            }
        }
        InputLayout layout = null;
        for (InputLayout l : new InputLayout[] {InputLayout.TRANSPOSED, InputLayout.STEPPED}) {
            for (Host h : c.inputs()) {
                if (layout == null && TensorOps.applies(l, h)) {
                    layout = l;
                }
            }
        }
        if (layout != null) {
            List<double[]> gl = analytic(backend, c, c.inputs(), c.op(), layout);
            for (int i = 0; i < g.size(); i++) {
                s.add(Compare.compare("layouts", gl.get(i), g.get(i), dt, gradTol.doubled(), null));
            }
        }
        for (String p : partners) {
            if (!p.equals(backend)) {
                List<double[]> gp = analytic(p, c, c.inputs(), c.op(), InputLayout.CONTIGUOUS);
                for (int i = 0; i < g.size(); i++) {
                    s.add(Compare.compare(p, g.get(i), gp.get(i), dt, gradTol.doubled(), null));
                }
            }
        }
        return s;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ magnitudes for the summation bound

    /**
     * Per output element, {@code k * sum(|terms|)} for sums and products (and the rounding scale of the
     * softmax family), computed on the host from the inputs; null for other ops.
     */
    static double[] magnitude(String[] op, List<Host> inputs, int outSize) {
        if (inputs.isEmpty() || op.length < 2 || !op[1].startsWith("%")) {
            return null;
        }
        Host x = inputs.get(Integer.parseInt(op[1].substring(1)));
        double[] abs = new double[x.size()];
        for (int i = 0; i < abs.length; i++) {
            abs[i] = Math.abs(x.values()[i]);
        }
        int r = x.shape().length;
        switch (op[0]) {
            case "sum":
            case "mean": {
                boolean mean = op[0].equals("mean");
                if (op.length == 2) {
                    double s = 0;
                    for (double v : abs) {
                        s += v;
                    }
                    return fill(outSize, mean ? s : s * x.size());
                }
                int axis = norm(TensorOps.integer(op[2]), r);
                double[] m = SpiChecks.reduceOracle(ReduceOp.SUM, DType.FLOAT64, abs, x.shape(), axis)[1];
                if (mean) {
                    for (int i = 0; i < m.length; i++) {
                        m[i] /= Math.max(1, x.shape()[axis]);
                    }
                }
                return finite(m);
            }
            case "softmax":
            case "logSoftmax":
                return finite(SpiChecks.softmaxOracle(x.values(), x.shape(), norm(TensorOps.integer(op[2]), r),
                        op[0].equals("logSoftmax"), DType.FLOAT64)[1]);
            case "logSumExp": {
                int axis = norm(TensorOps.integer(op[2]), r);
                double[] mx = SpiChecks.reduceOracle(ReduceOp.MAX, DType.FLOAT64, abs, x.shape(), axis)[0];
                int n = x.shape()[axis];
                for (int i = 0; i < mx.length; i++) {
                    mx[i] = 4 * (n + mx[i]);
                }
                return finite(mx);
            }
            case "matmul":
                return finite(matmulMagnitude(x, inputs.get(Integer.parseInt(op[2].substring(1)))));
            default:
                return null;
        }
    }

    private static double[] fill(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.isFinite(v) ? v : 0);
        return a;
    }

    private static double[] finite(double[] m) {
        for (int i = 0; i < m.length; i++) {
            if (!Double.isFinite(m[i])) {
                m[i] = 0;
            }
        }
        return m;
    }

    private static int norm(int axis, int rank) {
        return axis < 0 ? axis + rank : axis;
    }

    /** k * (|a| @ |b|) with numpy's matmul rules (1-D operands, broadcast batch dimensions), row-major. */
    static double[] matmulMagnitude(Host a, Host b) {
        int[] as = a.shape().length == 1 ? new int[] {1, a.shape()[0]} : a.shape();
        int[] bs = b.shape().length == 1 ? new int[] {b.shape()[0], 1} : b.shape();
        int m = as[as.length - 2];
        int k = as[as.length - 1];
        int n = bs[bs.length - 1];
        int rank = Math.max(as.length, bs.length) - 2;
        int[] batch = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i - (rank - (as.length - 2)) >= 0 ? as[i - (rank - (as.length - 2))] : 1;
            int db = i - (rank - (bs.length - 2)) >= 0 ? bs[i - (rank - (bs.length - 2))] : 1;
            batch[i] = Math.max(da, db);
        }
        int nb = org.jdeep.types.Shape.of(batch).size();
        double[] out = new double[nb * m * n];
        int[] bi = new int[rank];
        for (int t = 0; t < nb; t++) {
            int ao = batchOffset(bi, as, rank) * m * k;
            int bo = batchOffset(bi, bs, rank) * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int p = 0; p < k; p++) {
                        acc += Math.abs(a.values()[ao + i * k + p]) * Math.abs(b.values()[bo + p * n + j]);
                    }
                    out[(t * m + i) * n + j] = k * acc;
                }
            }
            for (int d = rank - 1; d >= 0; d--) {
                if (++bi[d] < batch[d]) {
                    break;
                }
                bi[d] = 0;
            }
        }
        return out;
    }

    private static int batchOffset(int[] bi, int[] shape, int rank) {
        int own = shape.length - 2;
        int off = 0;
        for (int i = 0; i < own; i++) {
            int d = shape[i];
            int idx = bi[i + (rank - own)];
            off = off * d + (d == 1 ? 0 : idx);
        }
        return off;
    }
}
