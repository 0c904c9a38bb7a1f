package org.jdeep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.jdeep.types.DType;

/**
 * Prints tensors as numpy's {@code str()} does (numpy 2 defaults): nested brackets, aligned columns, lines
 * wrapped at 75 characters, floats with at most 8 fractional digits and no trailing zeros ({@code 1.} for
 * one), scientific notation when magnitudes spread widely, {@code ...} in place of the middle of any axis
 * longer than 6 once a tensor has more than 1000 elements, {@code []} for an empty tensor, and a rank-0
 * tensor as numpy prints a scalar ({@code 1.0}, {@code 1e-05}). This follows numpy's
 * {@code arrayprint._formatArray} and {@code FloatingFormat}; float digits come from Java's shortest
 * {@code toString}, which agrees with numpy's Dragon4 except in rare ties.
 */
final class TensorFormat {
    private static final int THRESHOLD = 1000;
    private static final int EDGE = 3;
    private static final int PRECISION = 8;
    private static final int LINE_WIDTH = 75;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        int[] dims = t.dimsForFormat();
        boolean integer = t.dtype() == DType.INT32;
        boolean single = t.dtype() == DType.FLOAT32;
        if (dims.length == 0) {
            return integer ? Integer.toString(t.intsForFormat()[0]) : scalar(t.valuesForFormat()[0], single);
        }
        if (t.size() == 0) {
            return "[]";
        }
        boolean summarize = t.size() > THRESHOLD;
        boolean[] shown = shown(dims, summarize);
        String[] cells;
        if (integer) {
            int[] v = t.intsForFormat();
            cells = new String[v.length];
            for (int i = 0; i < v.length; i++) {
                cells[i] = shown[i] ? Integer.toString(v[i]) : null;
            }
        } else {
            cells = floats(t.valuesForFormat(), single, shown);
        }
        int width = 0;
        for (String c : cells) {
            width = Math.max(width, c == null ? 0 : c.length());
        }
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] != null) {
                cells[i] = " ".repeat(width - cells[i].length()) + cells[i];
            }
        }
        return recurse(cells, dims, t.shape().contiguousStrides(), 0, 0, " ", LINE_WIDTH, summarize);
    }

    /** Which flat positions are printed (all of them unless summarizing). */
    private static boolean[] shown(int[] dims, boolean summarize) {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        boolean[] shown = new boolean[size];
        int[] idx = new int[dims.length];
        for (int flat = 0; flat < size; flat++) {
            boolean s = true;
            for (int a = 0; a < dims.length && summarize; a++) {
                if (dims[a] > 2 * EDGE && idx[a] >= EDGE && idx[a] < dims[a] - EDGE) {
                    s = false;
                    break;
                }
            }
            shown[flat] = s;
            for (int a = dims.length - 1; a >= 0; a--) {
                if (++idx[a] < dims[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return shown;
    }

    /** numpy's {@code _formatArray} recurser: one axis, wrapping the last axis's lines at {@code width}. */
    private static String recurse(String[] cells, int[] dims, int[] strides, int axis, int base, String hanging,
                                  int width, boolean summarize) {
        int axesLeft = dims.length - axis;
        String nextHanging = hanging + " ";
        int nextWidth = width - 1;
        int n = dims[axis];
        boolean cut = summarize && n > 2 * EDGE;
        int leading = cut ? EDGE : 0;
        int trailing = cut ? EDGE : n;
        StringBuilder s = new StringBuilder();
        if (axesLeft == 1) {
            int elemWidth = width - 1;
            StringBuilder line = new StringBuilder(hanging);
            for (int i = 0; i < leading; i++) {
                extendLine(s, line, cells[base + i * strides[axis]], elemWidth, hanging);
                line.append(' ');
            }
            if (cut) {
                extendLine(s, line, "...", elemWidth, hanging);
                line.append(' ');
            }
            for (int i = trailing; i > 1; i--) {
                extendLine(s, line, cells[base + (n - i) * strides[axis]], elemWidth, hanging);
                line.append(' ');
            }
            extendLine(s, line, cells[base + (n - 1) * strides[axis]], elemWidth, hanging);
            s.append(line);
        } else {
            String separator = "\n".repeat(axesLeft - 1);
            for (int i = 0; i < leading; i++) {
                s.append(hanging).append(recurse(cells, dims, strides, axis + 1, base + i * strides[axis],
                        nextHanging, nextWidth, summarize)).append(separator);
            }
            if (cut) {
                s.append(hanging).append("...").append(separator);
            }
            for (int i = trailing; i > 1; i--) {
                s.append(hanging).append(recurse(cells, dims, strides, axis + 1, base + (n - i) * strides[axis],
                        nextHanging, nextWidth, summarize)).append(separator);
            }
            s.append(hanging).append(recurse(cells, dims, strides, axis + 1, base + (n - 1) * strides[axis],
                    nextHanging, nextWidth, summarize));
        }
        return "[" + s.substring(hanging.length()) + "]";
    }

    /** numpy's {@code _extendLine}: starts a new line when the word would pass the width (unless that cannot help). */
    private static void extendLine(StringBuilder s, StringBuilder line, String word, int width, String prefix) {
        boolean wrap = line.length() + word.length() > width && line.length() > prefix.length();
        if (wrap) {
            int end = line.length();
            while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
                end--;
            }
            s.append(line, 0, end).append('\n');
            line.setLength(0);
            line.append(prefix);
        }
        line.append(word);
    }

    /** numpy's {@code FloatingFormat}: the shown cells, not yet right-aligned; null where not shown. */
    private static String[] floats(double[] v, boolean single, boolean[] shown) {
        double maxAbs = 0;
        double minAbs = Double.POSITIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            if (shown[i] && Double.isFinite(x) && x != 0) {
                maxAbs = Math.max(maxAbs, Math.abs(x));
                minAbs = Math.min(minAbs, Math.abs(x));
            }
        }
        boolean scientific = minAbs != Double.POSITIVE_INFINITY
                && (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1e3);
        String[] out = new String[v.length];
        if (scientific) {
            BigDecimal[] mantissa = new BigDecimal[v.length];
            int[] exponent = new int[v.length];
            int fracDigits = 0;
            int expDigits = 2;
            for (int i = 0; i < v.length; i++) {
                if (!shown[i] || !Double.isFinite(v[i])) {
                    continue;
                }
                BigDecimal d = shortest(v[i], single);
                if (d.signum() == 0) {
                    mantissa[i] = BigDecimal.ZERO;
                } else {
                    d = d.round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
                    exponent[i] = d.precision() - d.scale() - 1;
                    mantissa[i] = d.movePointLeft(exponent[i]).stripTrailingZeros();
                }
                fracDigits = Math.max(fracDigits, Math.max(mantissa[i].scale(), 0));
                expDigits = Math.max(expDigits, Integer.toString(Math.abs(exponent[i])).length());
            }
            for (int i = 0; i < v.length; i++) {
                if (!shown[i]) {
                    continue;
                }
                if (!Double.isFinite(v[i])) {
                    out[i] = special(v[i]);
                    continue;
                }
                String m = mantissa[i].setScale(fracDigits, RoundingMode.UNNECESSARY).toPlainString();
                String sign = v[i] < 0 || (v[i] == 0 && 1 / v[i] < 0) ? "-" : "";
                if (m.startsWith("-")) {
                    m = m.substring(1);
                }
                String e = Integer.toString(Math.abs(exponent[i]));
                out[i] = sign + m + (fracDigits == 0 ? "." : "") + "e" + (exponent[i] < 0 ? "-" : "+")
                        + "0".repeat(expDigits - e.length()) + e;
            }
            return out;
        }
        int fracWidth = 0;
        for (int i = 0; i < v.length; i++) {
            if (shown[i]) {
                out[i] = Double.isFinite(v[i]) ? positional(v[i], single) : special(v[i]);
                int dot = out[i].indexOf('.');
                if (dot >= 0) {
                    fracWidth = Math.max(fracWidth, out[i].length() - dot - 1);
                }
            }
        }
        for (int i = 0; i < v.length; i++) {
            String c = out[i];
            int dot = c == null ? -1 : c.indexOf('.');
            if (dot >= 0) {
                out[i] = c + " ".repeat(fracWidth - (c.length() - dot - 1));
            }
        }
        return out;
    }

    private static String special(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        return x > 0 ? "inf" : "-inf";
    }

    private static BigDecimal shortest(double x, boolean single) {
        return new BigDecimal(single ? Float.toString((float) x) : Double.toString(x));
    }

    private static String sign(double x) {
        return x < 0 || (x == 0 && 1 / x < 0) ? "-" : "";
    }

    /** Positional, at most 8 fractional digits, trailing zeros trimmed but the point kept ({@code 1.}). */
    private static String positional(double x, boolean single) {
        BigDecimal d = shortest(Math.abs(x), single).setScale(PRECISION, RoundingMode.HALF_EVEN).stripTrailingZeros();
        String s = d.scale() <= 0 ? d.setScale(0).toPlainString() + "." : d.toPlainString();
        return sign(x) + s;
    }

    /** A numpy float scalar's str: positional for 0 and 1e-4 <= |x| < 1e16 ({@code 1.0}), else {@code 1.5e-05}. */
    private static String scalar(double x, boolean single) {
        if (!Double.isFinite(x)) {
            return special(x);
        }
        BigDecimal d = shortest(Math.abs(x), single);
        double a = Math.abs(x);
        if (a == 0 || (a >= 1e-4 && a < 1e16)) {
            d = d.stripTrailingZeros();
            String s = d.scale() <= 0 ? d.setScale(0).toPlainString() + ".0" : d.toPlainString();
            return sign(x) + s;
        }
        d = d.stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        String m = d.movePointLeft(exponent).stripTrailingZeros().toPlainString();
        String e = Integer.toString(Math.abs(exponent));
        return sign(x) + m + "e" + (exponent < 0 ? "-" : "+") + (e.length() < 2 ? "0" : "") + e;
    }
}
