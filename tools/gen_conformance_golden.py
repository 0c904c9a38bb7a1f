#!/usr/bin/env python3
"""Writes the numpy golden cases of jdeep's conformance suite (read by org.jdeep.conformance.TensorChecks).

    python3 tools/gen_conformance_golden.py

writes conformance-tests/src/main/resources/org/jdeep/conformance/tensor_cases.txt (the Tensor cases) and
model_golden.txt beside it (the loss curve of the suite's seeded classifier, org.jdeep.conformance.ModelCheck),
deterministic for one numpy version. The course cases the suite keeps as its own copy are written by tools/gen_conformance_course.py.

Format (UTF-8, one record a line, tokens separated by single spaces, '#' lines are comments):

    numpy VERSION
    case NAME                    a case: one Tensor operation on the inputs that follow
    in DTYPE SHAPE V...          an input, in order %0, %1, ...; values row-major
    in DTYPE SHAPE rand SEED LOW HIGH
                                 an input of values LOW + (HIGH-LOW)*u, u from RandomState(SEED).random_sample()
                                 in order, computed in float64 and then rounded to DTYPE (bit-exact in Java)
    op NAME ARG...               the operation; ARGs are %k (an input), numbers, true/false, dtypes f32/f64/i32
    out DTYPE SHAPE V...         the expected result
    out DTYPE SHAPE sample I V I V ...
                                 the expected result of a large case, given at some flat indices only
    family NAME                  the tolerance family (see org.jdeep.conformance.Tolerances)
    grad K...                    check gradients with respect to inputs %K... (autograd against central
                                 differences, across dtypes and across backends)
    end

DTYPE is f32, f64 or i32; SHAPE is dims joined by 'x', or '-' for a scalar (rank 0). f32 values are numpy's
shortest float32 strings (read with Float.parseFloat), f64 values repr() (Double.parseDouble); NaN, Infinity,
-Infinity as Java spells them.

Ops (the Tensor calls they mean; NAME %a VALUE means the double overload):
    neg exp log log1p expm1 sqrt abs sign square reciprocal tanh sigmoid softplus logSigmoid relu %a
    add sub mul div pow maximum minimum eq ne gt ge lt le %a %b|VALUE
    leakyRelu %a ALPHA   clip %a LOW HIGH   where %c %a %b
    sum mean max min var std %a [AXIS KEEP]   argmax argmin %a AXIS
    softmax logSoftmax %a AXIS   logSumExp %a AXIS KEEP
    matmul %a %b   transpose %a   permute %a AXES...   reshape %a DIMS...   flatten %a
    squeeze %a AXIS   unsqueeze %a AXIS   broadcastTo %a DIMS...   slice %a AXIS START END STEP
    concat AXIS %a...   stack AXIS %a...   pad %a VALUE B0 A0 B1 A1...   gather %a %idx AXIS
    oneHot %labels DEPTH DTYPE   to %a DTYPE   im2col %a KH KW SH SW PT PB PL PR DH DW PAD
    arange N   eye DTYPE N   full DTYPE VALUE DIMS...   zeros DTYPE DIMS...   ones DTYPE DIMS...

Expected values follow jdeep's specification where it deliberately differs from numpy (see the SPI
Javadoc): pow follows Java's Math.pow (pow(1, NaN) and pow(+-1, +-Inf) are NaN); INT32 pow with a negative
exponent is 1/a^|b| truncated toward zero; float-to-INT32 conversion is Java's cast (NaN -> 0, saturation).
FLOAT32 expected values of transcendental functions, reductions, matmul and composites are computed in
float64 from the float32 inputs and rounded once to float32: the correctly rounded answer, which a backend
must meet within the family's tolerance.
"""

import math
import os
import warnings

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "conformance-tests", "src", "main",
                   "resources", "org", "jdeep", "conformance", "tensor_cases.txt")

F32, F64, I32 = np.float32, np.float64, np.int32
DT = {np.dtype(F32): "f32", np.dtype(F64): "f64", np.dtype(I32): "i32"}
NP = {"f32": F32, "f64": F64, "i32": I32}
INT_MIN, INT_MAX = -2 ** 31, 2 ** 31 - 1
SAMPLE = 240  # values written for a large output

lines = []
names = set()


def fmt(v, dt):
    if dt == "i32":
        return str(int(v))
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    if v == 0:
        return "-0.0" if math.copysign(1, v) < 0 else "0"
    if dt == "f32":
        s = str(np.float32(v))
    else:
        s = repr(v)
    if s.endswith(".0"):
        s = s[:-2]
    return s


def shape_str(shape):
    return "-" if len(shape) == 0 else "x".join(str(d) for d in shape)


class Rand:
    """An input drawn in Java and numpy alike: LOW + (HIGH-LOW)*u from RandomState(SEED)."""

    def __init__(self, dt, shape, seed, low, high):
        self.dt, self.shape, self.seed, self.low, self.high = dt, tuple(shape), seed, low, high
        u = np.random.RandomState(seed).random_sample(int(np.prod(shape)))
        self.value = (low + (high - low) * u).astype(NP[dt]).reshape(shape)


def arr(v, dt):
    return np.array(v, dtype=NP[dt])


def case(name, op, inputs, expected, family="EXACT", grad=None, sample=False):
    assert name not in names, name
    names.add(name)
    lines.append("case " + name)
    for x in inputs:
        if isinstance(x, Rand):
            lines.append("in %s %s rand %d %r %r" % (x.dt, shape_str(x.shape), x.seed, x.low, x.high))
        else:
            d = DT[x.dtype]
            lines.append(" ".join(["in", d, shape_str(x.shape)] + [fmt(v, d) for v in x.reshape(-1)]))
    lines.append("op " + op)
    e = np.asarray(expected)
    d = DT[e.dtype]
    flat = e.reshape(-1)
    if sample and flat.size > SAMPLE:
        idx = sorted(set([0, flat.size - 1] + list(np.random.RandomState(len(names)).randint(0, flat.size, SAMPLE))))
        lines.append(" ".join(["out", d, shape_str(e.shape), "sample"] + [str(i) + " " + fmt(flat[i], d) for i in idx]))
    else:
        lines.append(" ".join(["out", d, shape_str(e.shape)] + [fmt(v, d) for v in flat]))
    if family != "EXACT":
        lines.append("family " + family)
    if grad:
        lines.append("grad " + " ".join(str(g) for g in grad))
    lines.append("end")


def val(x):
    return x.value if isinstance(x, Rand) else x


def rnd(shape, dt, seed, low=-3.0, high=3.0):
    u = np.random.RandomState(seed).random_sample(int(np.prod(shape)) if shape else 1)
    return (low + (high - low) * u).astype(NP[dt]).reshape(shape)


# ----------------------------------------------------------------------------------------- elementwise math

def in64(x):
    return np.asarray(x, dtype=F64)


def as_dt(v, dt):
    with np.errstate(all="ignore"):
        return np.asarray(v, dtype=F64).astype(NP[dt])


def softplus64(x):
    x = in64(x)
    with np.errstate(all="ignore"):
        return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


def sigmoid64(x):
    x = in64(x)
    with np.errstate(all="ignore"):
        pos = 1 / (1 + np.exp(-x))
        neg = np.exp(x) / (1 + np.exp(x))
    return np.where(x >= 0, pos, neg)


UNARY = {
    "neg": lambda x: -x, "abs": np.abs, "sign": np.sign, "square": lambda x: x * x, "sqrt": np.sqrt,
    "reciprocal": lambda x: 1 / x, "exp": np.exp, "log": np.log, "log1p": np.log1p, "expm1": np.expm1,
    "tanh": np.tanh, "sigmoid": sigmoid64, "softplus": softplus64, "relu": lambda x: np.where(np.isnan(x), x, np.maximum(x, 0)),
    "logSigmoid": lambda x: -softplus64(-in64(x)),
}
INT_UNARY = {"neg", "abs", "sign", "square", "relu"}
TRANSC = {"exp", "log", "log1p", "expm1", "tanh", "sigmoid", "softplus", "logSigmoid"}
EXACT_UNARY = {"neg", "abs", "sign", "relu"}


def unary_expected(op, x, dt):
    if dt == "i32":
        with np.errstate(all="ignore"):
            x64 = x.astype(np.int64)
            r = {"neg": -x64, "abs": np.abs(x64), "sign": np.sign(x64), "square": x64 * x64,
                 "relu": np.maximum(x64, 0)}[op]
        return ((r + 2 ** 31) % 2 ** 32 - 2 ** 31).astype(I32)
    with np.errstate(all="ignore"):
        return as_dt(UNARY[op](in64(x)), dt)


def unary_family(op):
    if op in EXACT_UNARY:
        return "EXACT"
    if op == "logSigmoid":
        return "COMPOSITE"
    return "TRANSCENDENTAL" if op in TRANSC else "ELEMENTWISE"


def java_pow(a, b):
    a, b = float(a), float(b)
    if b == 0:
        return 1.0
    if math.isnan(b) or math.isnan(a):
        return float("nan")
    if math.isinf(b) and abs(a) == 1:
        return float("nan")
    with np.errstate(all="ignore"):
        return float(np.power(F64(a), F64(b)))


def int_pow(a, b):
    a, b = int(a), int(b)
    if b < 0:
        return 1 if a == 1 else ((1 if b % 2 == 0 else -1) if a == -1 else 0)
    r = pow(a, b, 2 ** 32)
    return r - 2 ** 32 if r >= 2 ** 31 else r


def wrap(v):
    return ((np.asarray(v, dtype=np.int64) + 2 ** 31) % 2 ** 32 - 2 ** 31).astype(I32)


def binary_expected(op, a, b, dt):
    a = np.asarray(a)
    b = np.asarray(b)
    if dt == "i32":
        a64, b64 = np.broadcast_arrays(a.astype(np.int64), b.astype(np.int64))
        if op == "add":
            return wrap(a64 + b64)
        if op == "sub":
            return wrap(a64 - b64)
        if op == "mul":
            return wrap(a64 * b64)
        if op == "div":
            with np.errstate(all="ignore"):
                q = np.where(b64 == 0, 0, np.floor_divide(a64, np.where(b64 == 0, 1, b64)))
            return wrap(q)
        if op == "pow":
            return np.array([int_pow(x, y) for x, y in zip(a64.reshape(-1), b64.reshape(-1))],
                            dtype=I32).reshape(a64.shape)
        if op in ("maximum", "minimum"):
            return getattr(np, op)(a64, b64).astype(I32)
        return getattr(np, {"eq": "equal", "ne": "not_equal", "gt": "greater", "ge": "greater_equal",
                            "lt": "less", "le": "less_equal"}[op])(a64, b64).astype(I32)
    a64, b64 = np.broadcast_arrays(in64(a), in64(b))
    with np.errstate(all="ignore"):
        if op == "pow":
            r = np.array([java_pow(x, y) for x, y in zip(a64.reshape(-1), b64.reshape(-1))]).reshape(a64.shape)
        elif op in ("add", "sub", "mul", "div"):
            # float32 arithmetic is correctly rounded: compute in float32 to match exactly
            f = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.true_divide}[op]
            return f(a.astype(NP[dt]), b.astype(NP[dt]))
        elif op in ("maximum", "minimum"):
            r = getattr(np, op)(a64, b64)
        else:
            r = getattr(np, {"eq": "equal", "ne": "not_equal", "gt": "greater", "ge": "greater_equal",
                             "lt": "less", "le": "less_equal"}[op])(a64, b64).astype(F64)
    return as_dt(r, dt)


def binary_family(op):
    if op in ("add", "sub", "mul", "div"):
        return "ELEMENTWISE"
    return "TRANSCENDENTAL" if op == "pow" else "EXACT"


SPECIALS = [float("nan"), float("inf"), float("-inf"), 0.0, -0.0, 1.0, -1.0, 2.5, -0.5, 1e30, -1e30, 1e-30,
            88.8, -104.0, 710.0, -745.0, 1e-8, 3.0]

# ----------------------------------------------------------------------------------------------- the cases


def elementwise_cases():
    for op in sorted(UNARY):
        fam = unary_family(op)
        for dt in ("f32", "f64", "i32"):
            if dt == "i32" and op not in INT_UNARY:
                continue
            if dt == "i32":
                x = np.array([[-7, 0, 5, INT_MIN], [INT_MAX, 46341, -1, 3]], dtype=I32)
                case("%s.i32.2x4" % op, op + " %0", [x], unary_expected(op, x, dt))
                continue
            domain_pos = op in ("log", "sqrt")
            lo, hi = (0.1, 4.0) if domain_pos else (-3.0, 3.0)
            if op in ("log1p",):
                lo = -0.9
            x = rnd((3, 4), dt, 11 + len(names), lo, hi)
            if op in ("abs", "relu", "sign"):
                x = np.where(np.abs(x) < 0.05, x + NP[dt](0.2), x).astype(NP[dt])
            grad = [0] if op != "sign" else None
            case("%s.%s.3x4" % (op, dt), op + " %0", [x], unary_expected(op, x, dt), fam, grad)
            s = np.array(SPECIALS, dtype=NP[dt])
            case("%s.%s.specials" % (op, dt), op + " %0", [s], unary_expected(op, s, dt), fam)
            sc = np.array(0.75 if not domain_pos else 2.0, dtype=NP[dt])
            case("%s.%s.scalar" % (op, dt), op + " %0", [sc], unary_expected(op, sc, dt), fam, [0] if op != "sign" else None)
            z = np.zeros((0, 3), dtype=NP[dt])
            case("%s.%s.0x3" % (op, dt), op + " %0", [z], unary_expected(op, z, dt), fam)
            big = Rand(dt, (201, 203), 100 + len(names), lo, hi)
            case("%s.%s.large" % (op, dt), op + " %0", [big], unary_expected(op, big.value, dt), fam, sample=True)
    # large magnitudes where a naive formula overflows
    mags = {
        "exp": [-1000, -746, -745, -104, -88, 0, 1e-10, 88, 88.7, 89, 709, 709.8, 710, 1000],
        "log": [0, 1e-300, 1e-45, 1e-30, 1e-8, 1, 1e8, 1e30, 3e38, 1e300, -1, float("inf")],
        "sigmoid": [-1000, -750, -100, -88, -30, -1, 0, 1, 30, 88, 100, 750, 1000],
        "softplus": [-1000, -100, -30, -1, 0, 1e-10, 1, 30, 100, 1000],
        "logSigmoid": [-1000, -100, -30, -1, 0, 1, 30, 100, 1000],
        "tanh": [-1000, -20, -1e-10, 0, 1e-10, 0.5, 20, 1000],
        "expm1": [-1000, -1, -1e-10, 0, 1e-10, 1e-5, 1, 88, 710],
        "log1p": [-1, -0.5, -1e-10, 0, 1e-10, 1e-5, 1, 1e30],
    }
    for op, vals in mags.items():
        for dt in ("f32", "f64"):
            x = np.array(vals, dtype=NP[dt])
            case("%s.%s.magnitudes" % (op, dt), op + " %0", [x], unary_expected(op, x, dt), unary_family(op))

    binary_ops = ["add", "sub", "mul", "div", "pow", "maximum", "minimum", "eq", "ne", "gt", "ge", "lt", "le"]
    shapes = [((3, 4), (3, 4)), ((3, 1), (1, 4)), ((1, 4), (3, 1)), ((2, 3, 4), (4,)), ((2, 3, 4), (3, 1)),
              ((2, 1, 4), (1, 3, 1)), ((), (3, 4)), ((3, 4), ()), ((0, 4), (1, 4)), ((1,), (5,)), ((5,), (1,))]
    for op in binary_ops:
        fam = binary_family(op)
        for dt in ("f32", "f64", "i32"):
            for k, (sa, sb) in enumerate(shapes):
                seed = 1000 + len(names)
                if dt == "i32":
                    a = rnd(sa, "f64", seed, -9, 9).round().astype(I32)
                    b = rnd(sb, "f64", seed + 1, -9, 9).round().astype(I32)
                    if op == "pow":
                        a = rnd(sa, "f64", seed, -4, 4).round().astype(I32)
                        b = rnd(sb, "f64", seed + 1, -3, 6).round().astype(I32)
                elif op == "pow":
                    a = rnd(sa, dt, seed, 0.2, 3)
                    b = rnd(sb, dt, seed + 1, -2, 3)
                elif op in ("eq", "ne", "gt", "ge", "lt", "le", "maximum", "minimum"):
                    a = rnd(sa, "f64", seed, -3, 3).round().astype(NP[dt]) / NP[dt](2) if op[0] in "eglnt" and op not in ("maximum",) else rnd(sa, dt, seed)
                    b = rnd(sb, "f64", seed + 1, -3, 3).round().astype(NP[dt]) / NP[dt](2) if op[0] in "eglnt" and op not in ("maximum",) else rnd(sb, dt, seed + 1)
                else:
                    a = rnd(sa, dt, seed)
                    b = rnd(sb, dt, seed + 1)
                    if op == "div":
                        b = np.where(np.abs(b) < 0.2, b + NP[dt](0.5), b).astype(NP[dt])
                grad = None
                if dt != "i32" and op in ("add", "sub", "mul", "div", "pow", "maximum", "minimum") \
                        and 0 not in sa and 0 not in sb:
                    grad = [0, 1]
                name = "%s.%s.%s_%s" % (op, dt, shape_str(sa), shape_str(sb))
                case(name, op + " %0 %1", [np.asarray(a), np.asarray(b)], binary_expected(op, a, b, dt), fam, grad)
            # a scalar operand given as a Java double
            x = rnd((2, 3), "f64", 77, -4, 4).round().astype(NP[dt]) if dt == "i32" else rnd((2, 3), dt, 77, 0.5, 3)
            v = 2 if dt == "i32" else 1.5
            case("%s.%s.double_arg" % (op, dt), "%s %%0 %s" % (op, v), [x],
                 binary_expected(op, x, np.array(v, dtype=NP[dt]), dt), fam, [0] if dt != "i32" and fam != "EXACT" else None)
            if dt != "i32":
                # every pair of specials: NaN and infinity propagation, signed zeros
                s = np.array(SPECIALS[:12], dtype=NP[dt])
                a = np.repeat(s, len(s))
                b = np.tile(s, len(s))
                case("%s.%s.specials" % (op, dt), op + " %0 %1", [a, b], binary_expected(op, a, b, dt), fam)
                big_a = Rand(dt, (150, 271), 500 + len(names), 0.5 if op == "pow" else -3, 3)
                big_b = Rand(dt, (271,), 501 + len(names), -2 if op == "pow" else -3, 3)
                case("%s.%s.large" % (op, dt), op + " %0 %1", [big_a, big_b],
                     binary_expected(op, big_a.value, big_b.value, dt), fam, sample=True)
    # INT32 specifics: wrap-around, floor division and division by zero, negative exponents
    a = np.array([INT_MAX, INT_MIN, -7, 7, -7, 7, 0, 5, -1, 2], dtype=I32)
    b = np.array([1, -1, 2, -2, -2, 0, 0, 3, -3, 31], dtype=I32)
    for op in ("add", "sub", "mul", "div", "pow"):
        case("%s.i32.edges" % op, op + " %0 %1", [a, b], binary_expected(op, a, b, "i32"))


def reduction_cases():
    for dt in ("f32", "f64", "i32"):
        x = rnd((2, 3, 4), "f64", 7, -5, 5).round().astype(I32) if dt == "i32" else rnd((2, 3, 4), dt, 7)
        for op in ("sum", "mean", "max", "min", "var", "std"):
            fam = {"sum": "REDUCTION", "mean": "REDUCTION", "max": "EXACT", "min": "EXACT"}.get(op, "COMPOSITE")
            grad = [0] if dt != "i32" else None
            for axis in (0, 1, 2, -1):
                for keep in (False, True):
                    e = reduce_np(op, x, axis, keep, dt)
                    case("%s.%s.2x3x4.axis%d.%s" % (op, dt, axis, "keep" if keep else "drop"),
                         "%s %%0 %d %s" % (op, axis, "true" if keep else "false"), [x], e,
                         fam if dt != "i32" or op in ("var", "std", "mean") else "EXACT", grad)
            case("%s.%s.2x3x4.all" % (op, dt), op + " %0", [x], reduce_np(op, x, None, False, dt),
                 fam if dt != "i32" or op in ("var", "std", "mean") else "EXACT", grad)
        for op in ("argmax", "argmin"):
            for axis in (0, 1, 2):
                ties = (rnd((2, 3, 4), "f64", 9, -2, 2).round()).astype(NP[dt])
                case("%s.%s.ties.axis%d" % (op, dt, axis), "%s %%0 %d" % (op, axis), [ties],
                     getattr(np, op)(ties, axis=axis).astype(I32))
    for dt in ("f32", "f64"):
        x = np.array([[1, np.nan, 3, -np.inf], [np.inf, 2, np.nan, 0], [5, -1, 4, 4]], dtype=NP[dt])
        for op in ("sum", "max", "min", "argmax", "argmin"):
            e = getattr(np, op)(x, axis=1)
            case("%s.%s.nan_inf.axis1" % (op, dt), "%s %%0 1%s" % (op, "" if op.startswith("arg") else " false"), [x],
                 e.astype(I32) if op.startswith("arg") else as_dt(e, dt), "REDUCTION" if op == "sum" else "EXACT")
        z = np.zeros((0, 3), dtype=NP[dt])
        case("sum.%s.0x3.axis0" % dt, "sum %0 0 false", [z], np.zeros(3, dtype=NP[dt]), "REDUCTION")
        case("sum.%s.0x3.all" % dt, "sum %0", [z], np.array(0, dtype=NP[dt]), "REDUCTION")
        case("mean.%s.0x3.all" % dt, "mean %0", [z], np.array(np.nan, dtype=NP[dt]), "REDUCTION")
        case("max.%s.0x3.axis1" % dt, "max %0 1 false", [z], np.zeros(0, dtype=NP[dt]))
        big = Rand(dt, (300, 257), 900 + len(names), -1, 2)
        for op in ("sum", "mean", "max"):
            for axis in (0, 1):
                case("%s.%s.large.axis%d" % (op, dt, axis), "%s %%0 %d false" % (op, axis), [big],
                     reduce_np(op, big.value, axis, False, dt), "REDUCTION" if op != "max" else "EXACT", sample=True)
            case("%s.%s.large.all" % (op, dt), op + " %0", [big], reduce_np(op, big.value, None, False, dt),
                 "REDUCTION" if op != "max" else "EXACT")
        # softmax family, incl. large magnitudes and -inf entries
        for op in ("softmax", "logSoftmax"):
            for axis in (0, 1, -1):
                x = rnd((3, 5), dt, 21 + axis)
                case("%s.%s.3x5.axis%d" % (op, dt, axis), "%s %%0 %d" % (op, axis), [x], softmax_np(op, x, axis, dt),
                     "COMPOSITE", [0])
            xl = np.array([[1e4, -1e4, 0, 5e3], [-3e4, -3e4 + 1, -3e4 + 2, -3e4], [-np.inf, 0, 1, 2]], dtype=NP[dt])
            case("%s.%s.magnitudes" % (op, dt), op + " %0 1", [xl], softmax_np(op, xl, 1, dt), "COMPOSITE")
            big = Rand(dt, (100, 401), 950 + len(names), -30, 30)
            case("%s.%s.large" % (op, dt), op + " %0 1", [big], softmax_np(op, big.value, 1, dt), "COMPOSITE", sample=True)
            s = np.array(2.5, dtype=NP[dt])
            case("%s.%s.size1" % (op, dt), op + " %0 0", [np.array([2.5], dtype=NP[dt])],
                 softmax_np(op, np.array([2.5], dtype=NP[dt]), 0, dt), "COMPOSITE")
        for axis, keep in ((0, False), (1, True)):
            x = rnd((4, 6), dt, 31)
            case("logSumExp.%s.4x6.axis%d" % (dt, axis), "logSumExp %%0 %d %s" % (axis, "true" if keep else "false"), [x],
                 lse_np(x, axis, keep, dt), "COMPOSITE", [0])
        xl = np.array([[1e4, 1e4, -1e4], [-1e4, -1e4 - 1, -np.inf], [np.inf, 0, 1], [-np.inf, -np.inf, -np.inf]],
                      dtype=NP[dt])
        case("logSumExp.%s.magnitudes" % dt, "logSumExp %0 1 false", [xl], lse_np(xl, 1, False, dt), "COMPOSITE")


def reduce_np(op, x, axis, keep, dt):
    x64 = x.astype(np.int64) if dt == "i32" else in64(x)
    with np.errstate(all="ignore"):
        if op in ("mean", "var", "std"):
            r = getattr(np, op)(in64(x), axis=axis, keepdims=keep)
            return as_dt(r, "f64" if dt == "i32" else dt)
        r = getattr(np, op)(x64, axis=axis, keepdims=keep)
    return wrap(r) if dt == "i32" else as_dt(r, dt)


def softmax_np(op, x, axis, dt):
    x = in64(x)
    m = np.max(x, axis=axis, keepdims=True)
    with np.errstate(all="ignore"):
        e = np.exp(x - m)
        s = np.sum(e, axis=axis, keepdims=True)
        r = e / s if op == "softmax" else (x - m) - np.log(s)
    return as_dt(r, dt)


def lse_np(x, axis, keep, dt):
    x = in64(x)
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)
    with np.errstate(all="ignore"):
        r = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True)) + m
    if not keep:
        r = np.squeeze(r, axis=axis)
    return as_dt(r, dt)


def matmul_cases():
    shapes = [((3, 4), (4, 5)), ((4,), (4, 5)), ((3, 4), (4,)), ((4,), (4,)), ((2, 3, 4), (4, 5)),
              ((2, 3, 4), (2, 4, 5)), ((1, 3, 4), (2, 4, 5)), ((2, 1, 3, 4), (5, 4, 2)), ((3, 0), (0, 4)),
              ((0, 3), (3, 2)), ((1, 1), (1, 1)), ((17, 33), (33, 9))]
    for dt in ("f32", "f64"):
        for sa, sb in shapes:
            a = rnd(sa, dt, 40 + len(names))
            b = rnd(sb, dt, 41 + len(names))
            e = as_dt(np.matmul(in64(a), in64(b)), dt)
            grad = [0, 1] if 0 not in sa and 0 not in sb and np.prod(sa) <= 600 else None
            case("matmul.%s.%s_%s" % (dt, shape_str(sa), shape_str(sb)), "matmul %0 %1", [a, b], e, "MATMUL", grad)
        a = Rand(dt, (130, 300), 60, -1, 1)
        b = Rand(dt, (300, 70), 61, -1, 1)
        case("matmul.%s.large" % dt, "matmul %0 %1", [a, b], as_dt(np.matmul(in64(a.value), in64(b.value)), dt),
             "MATMUL", sample=True)
        x = np.array([[1, np.nan, 2], [np.inf, 1, 0], [1, 2, 3]], dtype=NP[dt])
        y = np.array([[1, 0], [2, 1], [0, -1]], dtype=NP[dt])
        with np.errstate(all="ignore"):
            case("matmul.%s.nan_inf" % dt, "matmul %0 %1", [x, y], as_dt(np.matmul(in64(x), in64(y)), dt), "MATMUL")


def shape_cases():
    for dt in ("f32", "f64", "i32"):
        x = (rnd((2, 3, 4), "f64", 3, -9, 9).round().astype(I32) if dt == "i32" else rnd((2, 3, 4), dt, 3))
        g = [0] if dt != "i32" else None
        case("transpose.%s" % dt, "transpose %0", [x], np.transpose(x), "EXACT", g)
        case("permute.%s" % dt, "permute %0 1 2 0", [x], np.transpose(x, (1, 2, 0)), "EXACT", g)
        case("reshape.%s" % dt, "reshape %0 4 -1", [x], x.reshape(4, -1), "EXACT", g)
        case("flatten.%s" % dt, "flatten %0", [x], x.reshape(-1), "EXACT", g)
        y = x[:, :1, :]
        case("squeeze.%s" % dt, "squeeze %0 1", [np.ascontiguousarray(y)], y.squeeze(1), "EXACT", g)
        case("unsqueeze.%s" % dt, "unsqueeze %0 -1", [x], x[..., None], "EXACT", g)
        b = x[:1, :, :1]
        case("broadcastTo.%s" % dt, "broadcastTo %0 2 3 5", [np.ascontiguousarray(b)], np.broadcast_to(b, (2, 3, 5)),
             "EXACT", g)
        for (axis, s, e, st) in ((2, 1, 3, 1), (2, 0, 2 ** 31 - 1, 2), (1, -1, -2 ** 31, -1), (2, 10, 20, 1),
                                 (0, -5, 5, 1), (2, 3, 0, -2)):
            sl = [slice(None)] * 3
            sl[axis] = slice(s if abs(s) < 2 ** 30 else None, e if abs(e) < 2 ** 30 else None, st)
            case("slice.%s.axis%d_%d_%d_%d" % (dt, axis, s, e, st), "slice %%0 %d %s %s %d" % (
                axis, jint(s), jint(e), st), [x], x[tuple(sl)], "EXACT", g)
        y = (rnd((2, 2, 4), "f64", 4, -9, 9).round().astype(I32) if dt == "i32" else rnd((2, 2, 4), dt, 4))
        case("concat.%s" % dt, "concat 1 %0 %1", [x, y], np.concatenate([x, y], axis=1), "EXACT",
             [0, 1] if g else None)
        z = np.zeros((2, 0, 4), dtype=x.dtype)
        case("concat.%s.empty" % dt, "concat 1 %0 %1", [x, z], np.concatenate([x, z], axis=1), "EXACT")
        case("stack.%s" % dt, "stack -1 %0 %1", [x, x + x.dtype.type(1)], np.stack([x, x + x.dtype.type(1)], axis=-1),
             "EXACT", [0, 1] if g else None)
        case("pad.%s" % dt, "pad %0 -2 1 0 0 2 2 1", [x], np.pad(x, ((1, 0), (0, 2), (2, 1)), constant_values=-2),
             "EXACT", g)
        idx = np.array([[2, 0], [1, 2], [2, 2]], dtype=I32)
        case("gather.%s.axis1" % dt, "gather %0 %1 1", [x, idx], np.take(x, idx, axis=1), "EXACT", g)
        idx0 = np.array([1, 1, 0], dtype=I32)
        case("gather.%s.axis0" % dt, "gather %0 %1 0", [x, idx0], np.take(x, idx0, axis=0), "EXACT", g)
        for to in ("f32", "f64", "i32"):
            src = np.array([0.5, -0.5, 2.7, -2.7, 1e10, -1e10, np.nan, np.inf, -np.inf, -0.0, 16777217, 3],
                           dtype=NP[dt]) if dt != "i32" else np.array([0, 1, -1, INT_MAX, INT_MIN, 16777217], dtype=I32)
            case("to.%s.%s" % (dt, to), "to %0 " + to, [src], java_convert(src, to), "EXACT")
            if dt != "i32" and to != "i32":
                xs = rnd((3, 4), dt, 12)
                case("to.%s.%s.grad" % (dt, to), "to %0 " + to, [xs], java_convert(xs, to), "EXACT", [0])
    for dt in ("f32", "f64"):
        x = rnd((3, 4), dt, 5)
        cond = np.array([[1, 0, 0.5, -0.0], [np.nan, 0, 1, 1], [0, 0, 2, 0]], dtype=NP[dt])
        case("where.%s" % dt, "where %0 %1 %2", [cond, x, rnd((4,), dt, 6)],
             np.where((cond != 0) | np.isnan(cond), x, rnd((4,), dt, 6)), "EXACT", [1, 2])
        c1 = np.array([[1], [0], [1]], dtype=I32)
        case("where.%s.int_cond_broadcast" % dt, "where %0 %1 %2", [c1, rnd((1, 4), dt, 7), rnd((3, 1), dt, 8)],
             np.where(c1 != 0, rnd((1, 4), dt, 7), rnd((3, 1), dt, 8)), "EXACT", [1, 2])
        xc = rnd((3, 4), dt, 9, -3, 3)
        xc = np.where(np.abs(np.abs(xc) - 1) < 0.05, xc * NP[dt](0.8), xc).astype(NP[dt])
        case("clip.%s" % dt, "clip %0 -1 1", [xc], np.clip(xc, -1, 1), "EXACT", [0])
        s = np.array(SPECIALS, dtype=NP[dt])
        case("clip.%s.specials" % dt, "clip %0 -1 1", [s], np.where(np.isnan(s), s, np.clip(s, -1, 1)), "EXACT")
        xr = np.where(np.abs(xc) < 0.05, xc + NP[dt](0.3), xc).astype(NP[dt])
        case("leakyRelu.%s" % dt, "leakyRelu %0 0.01", [xr],
             as_dt(np.where(in64(xr) > 0, in64(xr), in64(xr) * NP[dt](0.01)), dt), "ELEMENTWISE", [0])
        labels = np.array([[0, 2], [1, 3], [3, 3]], dtype=I32)
        case("oneHot.%s" % dt, "oneHot %0 4 " + dt, [labels], np.eye(4, dtype=NP[dt])[labels])
    case("arange.i32", "arange 7", [], np.arange(7, dtype=I32))
    case("arange.i32.empty", "arange 0", [], np.arange(0, dtype=I32))
    for dt in ("f32", "f64", "i32"):
        case("eye.%s" % dt, "eye %s 4" % dt, [], np.eye(4, dtype=NP[dt]))
        case("full.%s" % dt, "full %s -1.5 2 3" % dt, [], java_convert(np.full((2, 3), -1.5), dt))
        case("zeros.%s" % dt, "zeros %s 0 3" % dt, [], np.zeros((0, 3), dtype=NP[dt]))
        case("ones.%s" % dt, "ones %s -" % dt, [], np.ones((), dtype=NP[dt]))


def im2col_np(x, kh, kw, sh, sw, pt, pb, pl, pr, dh, dw, pad):
    n, h, w, c = x.shape
    def out(size, k, st, d, a, b):
        span = d * (k - 1) + 1
        return 0 if size + a + b < span else (size + a + b - span) // st + 1
    oh, ow = out(h, kh, sh, dh, pt, pb), out(w, kw, sw, dw, pl, pr)
    cols = np.full((n, oh, ow, kh, kw, c), pad, dtype=np.float64 if x.dtype != I32 else np.int64)
    for i in range(oh):
        for j in range(ow):
            for a in range(kh):
                for b in range(kw):
                    ih, iw = i * sh - pt + a * dh, j * sw - pl + b * dw
                    if 0 <= ih < h and 0 <= iw < w:
                        cols[:, i, j, a, b, :] = x[:, ih, iw, :]
    return cols.astype(x.dtype)


def im2col_cases():
    windows = [(3, 3, 1, 1, 1, 1, 1, 1, 1, 1), (2, 2, 2, 2, 0, 0, 0, 0, 1, 1), (3, 2, 2, 1, 1, 2, 0, 1, 2, 1),
               (1, 1, 1, 1, 0, 0, 0, 0, 1, 1), (7, 7, 1, 1, 3, 3, 3, 3, 1, 1)]
    for dt in ("f32", "f64", "i32"):
        x = rnd((2, 5, 6, 3), "f64", 70, -9, 9).round().astype(I32) if dt == "i32" else rnd((2, 5, 6, 3), dt, 70)
        for k, wdw in enumerate(windows):
            case("im2col.%s.w%d" % (dt, k), "im2col %0 " + " ".join(str(v) for v in wdw) + " 0", [x],
                 im2col_np(x, *wdw, 0), "EXACT", [0] if dt != "i32" and k < 4 else None, sample=k == 4)
        if dt != "i32":
            wdw = (3, 3, 2, 2, 1, 1, 1, 1, 1, 1)
            case("im2col.%s.maxpool_pad" % dt, "im2col %0 " + " ".join(str(v) for v in wdw) + " -Infinity", [x],
                 im2col_np(x, *wdw, -np.inf), "EXACT")


def self_cases():
    """One tensor used twice: gradients from both uses must accumulate."""
    for dt in ("f32", "f64"):
        x = rnd((3, 3), dt, 80)
        case("mul.%s.self" % dt, "mul %0 %0", [x], as_dt(in64(x) * in64(x), dt), "ELEMENTWISE", [0])
        case("sub.%s.self" % dt, "sub %0 %0", [x], np.zeros((3, 3), dtype=NP[dt]), "ELEMENTWISE", [0])
        case("matmul.%s.self" % dt, "matmul %0 %0", [x], as_dt(in64(x) @ in64(x), dt), "MATMUL", [0])


def extra_cases():
    """Mixed dtypes (promotion), rank-0 reductions, softmax along a non-last axis, INT32 where, pow of negatives."""
    a32, b64 = rnd((3, 4), "f32", 90), rnd((4,), "f64", 91)
    for op in ("add", "mul", "sub", "div"):
        b = np.where(np.abs(b64) < 0.2, b64 + 0.5, b64) if op == "div" else b64
        case("%s.mixed.f32_f64" % op, op + " %0 %1", [a32, b], binary_expected(op, a32.astype(F64), b, "f64"),
             "ELEMENTWISE", [0, 1])
    m32, m64 = rnd((3, 4), "f32", 92), rnd((4, 2), "f64", 93)
    case("matmul.mixed.f32_f64", "matmul %0 %1", [m32, m64], in64(m32) @ m64, "MATMUL", [0, 1])
    c64 = rnd((2, 4), "f64", 94)
    case("concat.mixed.f32_f64", "concat 0 %0 %1", [a32, c64], np.concatenate([in64(a32), c64]), "EXACT", [0, 1])
    cond = np.array([1, 0, 1, 0], dtype=I32)
    case("where.mixed.f32_f64", "where %0 %1 %2", [cond, a32, b64], np.where(cond != 0, in64(a32), b64), "EXACT", [1, 2])
    for dt in ("f32", "f64"):
        s0 = np.array(1.75, dtype=NP[dt])
        for op in ("sum", "mean", "max", "min"):
            case("%s.%s.rank0" % (op, dt), op + " %0", [s0], s0, "REDUCTION" if op in ("sum", "mean") else "EXACT", [0])
        x = rnd((3, 4), dt, 95, -3, 3)
        for e in (2, 3):
            case("pow.%s.negative_base_%d" % (dt, e), "pow %%0 %d" % e, [x], as_dt(in64(x) ** e, dt), "TRANSCENDENTAL", [0])
        big = Rand(dt, (401, 100), 96, -20, 20)
        case("softmax.%s.large.axis0" % dt, "softmax %0 0", [big], softmax_np("softmax", big.value, 0, dt),
             "COMPOSITE", sample=True)
        case("logSumExp.%s.large.axis0" % dt, "logSumExp %0 0 true", [big], lse_np(big.value, 0, True, dt), "COMPOSITE")
        case("logSoftmax.%s.rank3.axis1" % dt, "logSoftmax %0 1", [rnd((2, 3, 4), dt, 97)],
             softmax_np("logSoftmax", rnd((2, 3, 4), dt, 97), 1, dt), "COMPOSITE", [0])
    ci = np.array([[1, 0, 1], [0, 0, 1]], dtype=I32)
    ai = np.array([[INT_MAX, 2, 3], [4, INT_MIN, 6]], dtype=I32)
    bi = np.array([-7, -8, -9], dtype=I32)
    case("where.i32", "where %0 %1 %2", [ci, ai, bi], np.where(ci != 0, ai, bi))


def jint(v):
    return "Integer.MAX_VALUE" if v == 2 ** 31 - 1 else "Integer.MIN_VALUE" if v == -2 ** 31 else str(v)


def java_convert(x, to):
    x = np.asarray(x)
    if to == "i32":
        out = []
        for v in x.reshape(-1):
            v = float(v)
            out.append(0 if math.isnan(v) else INT_MAX if v >= INT_MAX else INT_MIN if v <= INT_MIN else int(v))
        return np.array(out, dtype=I32).reshape(x.shape)
    return x.astype(NP[to])


MODEL_OUT = os.path.join(os.path.dirname(OUT), "model_golden.txt")


def model_curve():
    """The loss curve of org.jdeep.conformance.ModelCheck's classifier, in float64 with hand-written backprop."""
    m, hidden, classes, steps, lr = 240, 16, 3, 60, 0.5
    rs = np.random.RandomState(7)
    X = (-1 + 2 * rs.random_sample(m * 2)).reshape(m, 2)
    y = np.where(X[:, 0] ** 2 + X[:, 1] ** 2 < 0.3, 0, np.where(X[:, 0] > X[:, 1], 1, 2))
    W1 = ((-1 + 2 * rs.random_sample(2 * hidden)) * 0.8).reshape(2, hidden)
    W2 = ((-1 + 2 * rs.random_sample(hidden * classes)) * 0.5).reshape(hidden, classes)
    b1, b2 = np.zeros(hidden), np.zeros(classes)
    onehot = np.eye(classes)[y]
    losses = []
    for _ in range(steps):
        H = np.tanh(X @ W1 + b1)
        Z = H @ W2 + b2
        mx = Z.max(axis=1, keepdims=True)
        ls = Z - mx - np.log(np.sum(np.exp(Z - mx), axis=1, keepdims=True))
        losses.append(-np.mean(np.sum(onehot * ls, axis=1)))
        dZ = (np.exp(ls) - onehot) / m
        dW2, db2 = H.T @ dZ, dZ.sum(axis=0)
        dA = (dZ @ W2.T) * (1 - H ** 2)
        dW1, db1 = X.T @ dA, dA.sum(axis=0)
        W1, b1, W2, b2 = W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
    with open(MODEL_OUT, "w", encoding="utf-8") as f:
        f.write("# loss curve of ModelCheck's classifier, float64, numpy %s; tools/gen_conformance_golden.py\n" % np.__version__)
        f.write("loss " + " ".join(repr(float(v)) for v in losses) + "\n")
    print("model: loss %.6f -> %.6f" % (losses[0], losses[-1]))


def main():
    warnings.simplefilter("ignore")
    model_curve()
    elementwise_cases()
    reduction_cases()
    matmul_cases()
    shape_cases()
    im2col_cases()
    self_cases()
    extra_cases()
    header = ["# numpy golden cases of the jdeep conformance suite; generated by tools/gen_conformance_golden.py",
              "# (see it for the format). Do not edit by hand.", "numpy " + np.__version__]
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(header + lines) + "\n")
    print("wrote %d cases to %s (%d bytes)" % (len(names), os.path.normpath(OUT), os.path.getsize(OUT)))


if __name__ == "__main__":
    main()
