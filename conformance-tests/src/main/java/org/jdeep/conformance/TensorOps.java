package org.jdeep.conformance;

import java.util.ArrayList;
import java.util.List;
import org.jdeep.Tensor;
import org.jdeep.conformance.GoldenCases.Host;
import org.jdeep.types.DType;

/** Interprets the op line of a golden case as the {@link Tensor} call it names, and makes tensors from host arrays. */
final class TensorOps {
    private TensorOps() {
    }

    /** How an input tensor is laid out in memory; its logical values are the same in every layout. */
    enum InputLayout {
        CONTIGUOUS, TRANSPOSED, SLICED, STEPPED, REVERSED
    }

    static Tensor make(Host h) {
        double[] v = h.values();
        return switch (h.dtype()) {
            case FLOAT32 -> {
                float[] f = new float[v.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) v[i];
                }
                yield Tensor.of(f, h.shape());
            }
            case FLOAT64 -> Tensor.of(v.clone(), h.shape());
            case INT32 -> {
                int[] a = new int[v.length];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (int) v[i];
                }
                yield Tensor.of(a, h.shape());
            }
        };
    }

    /** Whether the layout changes anything for this input (rank and sizes allow it). */
    static boolean applies(InputLayout layout, Host h) {
        int r = h.shape().length;
        return switch (layout) {
            case CONTIGUOUS -> true;
            case TRANSPOSED -> r >= 2;
            case SLICED, STEPPED, REVERSED -> r >= 1;
        };
    }

    /** A tensor with {@code h}'s logical values, laid out as asked (a view into a larger or permuted buffer). */
    static Tensor make(Host h, InputLayout layout) {
        if (!applies(layout, h)) {
            return make(h);
        }
        int[] s = h.shape();
        int r = s.length;
        double garbage = h.dtype() == DType.INT32 ? -999_999 : Double.NaN;
        switch (layout) {
            case CONTIGUOUS:
                return make(h);
            case TRANSPOSED: {
                int[] rs = new int[r];
                for (int i = 0; i < r; i++) {
                    rs[i] = s[r - 1 - i];
                }
                double[] t = new double[h.size()];
                SpiChecks.forEach(s, (flat, ix) -> {
                    int[] rix = new int[r];
                    for (int i = 0; i < r; i++) {
                        rix[i] = ix[r - 1 - i];
                    }
                    t[SpiChecks.flatIndex(rs, rix)] = h.values()[flat];
                });
                try (Tensor base = make(new Host(h.dtype(), rs, t))) {
                    return base.transpose();
                }
            }
            case SLICED:
            case STEPPED: {
                boolean stepped = layout == InputLayout.STEPPED;
                int[] big = new int[r];
                for (int i = 0; i < r; i++) {
                    big[i] = stepped && i == r - 1 ? 2 * s[i] + 1 : s[i] + 2;
                }
                double[] b = new double[org.jdeep.types.Shape.of(big).size()];
                java.util.Arrays.fill(b, garbage);
                SpiChecks.forEach(s, (flat, ix) -> {
                    int[] bix = new int[r];
                    for (int i = 0; i < r; i++) {
                        bix[i] = stepped && i == r - 1 ? 2 * ix[i] + 1 : ix[i] + 1;
                    }
                    b[SpiChecks.flatIndex(big, bix)] = h.values()[flat];
                });
                Tensor t = make(new Host(h.dtype(), big, b));
                for (int i = 0; i < r; i++) {
                    Tensor next = stepped && i == r - 1 ? t.slice(i, 1, 2 * s[i] + 1, 2) : t.slice(i, 1, 1 + s[i], 1);
                    t.close();
                    t = next;
                }
                return t;
            }
            case REVERSED: {
                double[] rv = new double[h.size()];
                SpiChecks.forEach(s, (flat, ix) -> {
                    int[] rix = new int[r];
                    for (int i = 0; i < r; i++) {
                        rix[i] = s[i] - 1 - ix[i];
                    }
                    rv[SpiChecks.flatIndex(s, rix)] = h.values()[flat];
                });
                Tensor t = make(new Host(h.dtype(), s, rv));
                for (int i = 0; i < r; i++) {
                    Tensor next = t.slice(i, Integer.MAX_VALUE, Integer.MIN_VALUE, -1);
                    t.close();
                    t = next;
                }
                return t;
            }
            default:
                throw new IllegalArgumentException(layout.toString());
        }
    }

    /** Applies the op line to the input tensors. */
    static Tensor apply(String[] op, List<Tensor> in) {
        String name = op[0];
        switch (name) {
            case "neg": return reg(op[1], in).neg();
            case "exp": return reg(op[1], in).exp();
            case "log": return reg(op[1], in).log();
            case "log1p": return reg(op[1], in).log1p();
            case "expm1": return reg(op[1], in).expm1();
            case "sqrt": return reg(op[1], in).sqrt();
            case "abs": return reg(op[1], in).abs();
            case "sign": return reg(op[1], in).sign();
            case "square": return reg(op[1], in).square();
            case "reciprocal": return reg(op[1], in).reciprocal();
            case "tanh": return reg(op[1], in).tanh();
            case "sigmoid": return reg(op[1], in).sigmoid();
            case "softplus": return reg(op[1], in).softplus();
            case "logSigmoid": return reg(op[1], in).logSigmoid();
            case "relu": return reg(op[1], in).relu();
            case "add": case "sub": case "mul": case "div": case "pow": case "maximum": case "minimum":
            case "eq": case "ne": case "gt": case "ge": case "lt": case "le":
                return binary(name, reg(op[1], in), op[2], in);
            case "leakyRelu": return reg(op[1], in).leakyRelu(num(op[2]));
            case "clip": return reg(op[1], in).clip(num(op[2]), num(op[3]));
            case "where": return Tensor.where(reg(op[1], in), reg(op[2], in), reg(op[3], in));
            case "sum": case "mean": case "max": case "min": case "var": case "std":
                return reduce(name, reg(op[1], in), op);
            case "argmax": return reg(op[1], in).argmax(integer(op[2]));
            case "argmin": return reg(op[1], in).argmin(integer(op[2]));
            case "softmax": return reg(op[1], in).softmax(integer(op[2]));
            case "logSoftmax": return reg(op[1], in).logSoftmax(integer(op[2]));
            case "logSumExp": return reg(op[1], in).logSumExp(integer(op[2]), Boolean.parseBoolean(op[3]));
            case "matmul": return reg(op[1], in).matmul(reg(op[2], in));
            case "transpose": return reg(op[1], in).transpose();
            case "permute": return reg(op[1], in).permute(ints(op, 2));
            case "reshape": return reg(op[1], in).reshape(ints(op, 2));
            case "flatten": return reg(op[1], in).flatten();
            case "squeeze": return reg(op[1], in).squeeze(integer(op[2]));
            case "unsqueeze": return reg(op[1], in).unsqueeze(integer(op[2]));
            case "broadcastTo": return reg(op[1], in).broadcastTo(ints(op, 2));
            case "slice": return reg(op[1], in).slice(integer(op[2]), integer(op[3]), integer(op[4]), integer(op[5]));
            case "concat": return Tensor.concat(regs(op, 2, in), integer(op[1]));
            case "stack": return Tensor.stack(regs(op, 2, in), integer(op[1]));
            case "pad": {
                int[] w = ints(op, 3);
                int[][] widths = new int[w.length / 2][];
                for (int i = 0; i < widths.length; i++) {
                    widths[i] = new int[] {w[2 * i], w[2 * i + 1]};
                }
                return reg(op[1], in).pad(widths, num(op[2]));
            }
            case "gather": return reg(op[1], in).gather(reg(op[2], in), integer(op[3]));
            case "im2col": {
                int[] w = ints(java.util.Arrays.copyOf(op, 12), 2);
                return reg(op[1], in).im2col(new org.jdeep.types.Window2d(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7],
                        w[8], w[9]), num(op[12]));
            }
            case "oneHot": return reg(op[1], in).oneHot(integer(op[2]), GoldenCases.parseDType(op[3]));
            case "to": return reg(op[1], in).to(GoldenCases.parseDType(op[2]));
            case "arange": return Tensor.arange(integer(op[1]));
            case "eye": return Tensor.eye(GoldenCases.parseDType(op[1]), integer(op[2]));
            case "full": return Tensor.full(GoldenCases.parseDType(op[1]), num(op[2]), dims(op, 3));
            case "zeros": return Tensor.zeros(GoldenCases.parseDType(op[1]), dims(op, 2));
            case "ones": return Tensor.ones(GoldenCases.parseDType(op[1]), dims(op, 2));
            default: throw new IllegalArgumentException("unknown op in a golden case: " + name);
        }
    }

    private static Tensor binary(String name, Tensor a, String arg, List<Tensor> in) {
        if (arg.startsWith("%")) {
            Tensor b = reg(arg, in);
            return switch (name) {
                case "add" -> a.add(b);
                case "sub" -> a.sub(b);
                case "mul" -> a.mul(b);
                case "div" -> a.div(b);
                case "pow" -> a.pow(b);
                case "maximum" -> a.maximum(b);
                case "minimum" -> a.minimum(b);
                case "eq" -> a.eq(b);
                case "ne" -> a.ne(b);
                case "gt" -> a.gt(b);
                case "ge" -> a.ge(b);
                case "lt" -> a.lt(b);
                default -> a.le(b);
            };
        }
        double v = num(arg);
        return switch (name) {
            case "add" -> a.add(v);
            case "sub" -> a.sub(v);
            case "mul" -> a.mul(v);
            case "div" -> a.div(v);
            case "pow" -> a.pow(v);
            case "maximum" -> a.maximum(v);
            case "minimum" -> a.minimum(v);
            case "eq" -> a.eq(v);
            case "ne" -> a.ne(v);
            case "gt" -> a.gt(v);
            case "ge" -> a.ge(v);
            case "lt" -> a.lt(v);
            default -> a.le(v);
        };
    }

    private static Tensor reduce(String name, Tensor x, String[] op) {
        if (op.length == 2) {
            return switch (name) {
                case "sum" -> x.sum();
                case "mean" -> x.mean();
                case "max" -> x.max();
                case "min" -> x.min();
                case "var" -> x.var();
                default -> x.std();
            };
        }
        int axis = integer(op[2]);
        boolean keep = Boolean.parseBoolean(op[3]);
        return switch (name) {
            case "sum" -> x.sum(axis, keep);
            case "mean" -> x.mean(axis, keep);
            case "max" -> x.max(axis, keep);
            case "min" -> x.min(axis, keep);
            case "var" -> x.var(axis, keep);
            default -> x.std(axis, keep);
        };
    }

    private static Tensor reg(String tok, List<Tensor> in) {
        if (!tok.startsWith("%")) {
            throw new IllegalArgumentException("expected a register, got " + tok);
        }
        return in.get(Integer.parseInt(tok.substring(1)));
    }

    private static List<Tensor> regs(String[] op, int from, List<Tensor> in) {
        List<Tensor> r = new ArrayList<>();
        for (int i = from; i < op.length; i++) {
            r.add(reg(op[i], in));
        }
        return r;
    }

    static double num(String s) {
        return Double.parseDouble(s);
    }

    static int integer(String s) {
        return switch (s) {
            case "Integer.MAX_VALUE" -> Integer.MAX_VALUE;
            case "Integer.MIN_VALUE" -> Integer.MIN_VALUE;
            default -> Integer.parseInt(s);
        };
    }

    private static int[] ints(String[] op, int from) {
        int[] r = new int[op.length - from];
        for (int i = from; i < op.length; i++) {
            r[i - from] = integer(op[i]);
        }
        return r;
    }

    private static int[] dims(String[] op, int from) {
        if (op.length == from + 1 && op[from].equals("-")) {
            return new int[0];
        }
        return ints(op, from);
    }

    /** The op line with every dtype argument FLOAT32 replaced by FLOAT64 (for the float64 evaluation). */
    static String[] widened(String[] op) {
        String[] r = op.clone();
        for (int i = 1; i < r.length; i++) {
            if (r[i].equals("f32")) {
                r[i] = "f64";
            }
        }
        return r;
    }
}
