#!/usr/bin/env python3
"""Writes numpy-derived golden cases for org.jdeep.Tensor (read by org.jdeep.golden.TensorGoldenTest).

    python3 tools/gen_tensor_golden.py     # writes api/src/test/resources/org/jdeep/golden/tensor_golden.txt

The output is deterministic for one numpy version (inputs come from np.random.seed(SEED)).

File format (UTF-8, one record a line, tokens separated by single spaces, '#' lines are comments):

    numpy VERSION                        the numpy that produced the file (first record)
    case NAME                            starts a case; NAME is unique, [A-Za-z0-9_.:+-]
    in DTYPE SHAPE V...                  an input tensor, in order: the first is %0, the second %1, ...
    op NAME ARG...                       an operation; its result is the next register (%n, %n+1, ...)
    out DTYPE SHAPE V...                 the expected result of the last op
    tol RTOL ATOL [REASON...]            optional: |actual - expected| <= ATOL + RTOL*|expected|
    tol exact [REASON...]                optional: actual == expected (Java ==, so -0.0 equals 0.0)
    tol bits [REASON...]                 optional: exact, and zeros must have the expected sign
    end                                  ends the case

DTYPE is f32, f64 or i32. SHAPE is the dimensions joined by 'x' ("2x3", "5", "0x3"), or '-' for rank 0.
Values are written so Java reads them back exactly: f64 values with repr() (Double.parseDouble), f32
values with numpy's shortest float32 string (read with Float.parseFloat, not through a double), i32 with
Integer.parseInt; integral values below 2^24 (f32) or 2^53 (f64) as integers ("3"; "-0.0" stays "-0.0");
NaN, Infinity and -Infinity spelled as Java spells them.

Op arguments: "%k" names a register (an input or an earlier result); other tokens are ints (also
"Integer.MAX_VALUE" and "Integer.MIN_VALUE", the open slice ends), doubles (Java spelling), booleans
(true/false) or dtypes (f32/f64/i32). The ops and the Tensor calls they mean:

    add|sub|mul|div|pow|maximum|minimum|eq|ne|gt|ge|lt|le %a %b      a.op(b)
    add|sub|...|le %a VALUE                                           a.op(double VALUE)
    neg exp log log1p expm1 sqrt abs sign square reciprocal tanh sigmoid softplus logSigmoid relu %a
    leakyRelu %a ALPHA        clip %a LOW HIGH        where %c %a %b   (Tensor.where(c, a, b))
    sum|mean|max|min|var|std %a            over all elements (rank 0 result)
    sum|mean|max|min|var|std %a AXIS KEEP  along AXIS, KEEP = keepDims
    argmax|argmin %a AXIS
    matmul %a %b     transpose %a     permute %a AXES...     reshape %a DIMS...     flatten %a
    squeeze %a AXIS  unsqueeze %a AXIS  broadcastTo %a DIMS...  slice %a AXIS START END STEP
    concat AXIS %a %b...     stack AXIS %a %b...     pad %a VALUE BEFORE0 AFTER0 BEFORE1 AFTER1 ...
    gather %a %indices AXIS  oneHot %labels DEPTH [DTYPE]
    softmax|logSoftmax %a AXIS     logSumExp %a AXIS KEEP     to %a DTYPE
    arange N     arange_r DTYPE START STOP STEP     eye DTYPE N     full DTYPE VALUE DIMS...
    zeros DTYPE DIMS...     ones DTYPE DIMS...     scalar VALUE     scalar_d DTYPE VALUE

Tolerances (when a case has no tol line the test uses these defaults):
    i32: exact.
    f32: rtol 1.3e-6, atol 1e-5 (about 11 ulp relative; covers float32 accumulation order and the
         1-2 ulp by which float32 transcendental functions differ between libraries).
    f64: rtol 1e-12, atol 1e-12 (far above the 1-2 ulp libm differences and the reordering error of
         sums of at most a few hundred terms of magnitude ~1, far below any algorithmic error).
Cases whose result must be bit-exact (IEEE-exact arithmetic + - * / sqrt, comparisons, copies, views,
max/min, integer-valued matmul...) say "tol exact", or "tol bits" where the sign of a zero is defined
too (neg, abs, square, where, pad, full, to). A few cases loosen the default; each says why.

Large inputs (matmul 65x129x33, the "large." cases for the backend's parallel and tiled paths) are not
written out: their ops build them in the test from arange with INT32 arithmetic (class Gen below), and
numpy reproduces the same values bit for bit; only the (reduced or sliced) outputs are in the file.

Where jdeep's specification (the SPI javadoc) deliberately differs from numpy the expected values follow
the specification, and the generator says so at that case:
  * pow follows Java's Math.pow: pow(1, NaN) and pow(+-1, +-Inf) are NaN (C/numpy give 1).
  * INT32 pow with a negative exponent is 1/a^|b| truncated toward zero, 0 for a = 0 (numpy raises).
  * Float-to-INT32 conversion (to(i32), full/fill) is Java's cast: NaN -> 0, out-of-range saturates.
Float32 expected values of transcendental functions are computed in float64 from the float32 inputs
and rounded to float32 (the correctly rounded answer), not with numpy's float32 approximations.
"""

import math
import os
import warnings

import numpy as np

SEED = 20240607
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                   "api", "src", "test", "resources", "org", "jdeep", "golden", "tensor_golden.txt")

F32, F64, I32 = np.float32, np.float64, np.int32
DT_NAME = {np.dtype(F32): "f32", np.dtype(F64): "f64", np.dtype(I32): "i32"}
INT_MIN, INT_MAX = -2 ** 31, 2 ** 31 - 1
INF, NAN = float("inf"), float("nan")
EXACT = "exact"
BITS = "bits"  # exact, and the sign of a zero must match too (where numpy and Java agree on it)

CASES = []
NAMES = set()


# ---------------------------------------------------------------------------------------------- writing

def fmt_value(x, dt):
    if dt == "i32":
        return str(int(x))
    if dt == "f32":
        x32 = np.float32(x)
        if np.isfinite(x32) and x32 != 0 and not (x32 == int(x32) and abs(x32) < 2.0 ** 24):
            return str(x32)  # numpy's shortest string that round-trips as a float32 (Float.parseFloat)
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0.0:
        return "-0.0" if math.copysign(1.0, x) < 0 else "0"
    if x == int(x) and abs(x) < 2.0 ** 53:
        return str(int(x))
    return repr(x)


def fmt_shape(shape):
    return "-" if len(shape) == 0 else "x".join(str(d) for d in shape)


def fmt_tensor(kind, a):
    a = np.asarray(a)
    dt = DT_NAME[a.dtype]
    vals = " ".join(fmt_value(v, dt) for v in a.reshape(-1))
    return f"{kind} {dt} {fmt_shape(a.shape)}" + (" " + vals if a.size else "")


def case(name, inputs, ops, expected, tol=None):
    """inputs: numpy arrays (%0, %1, ...); ops: op lines without 'op '; expected: numpy array of the result.
    tol: None (dtype default), EXACT or "exact REASON", or (rtol, atol, reason)."""
    assert name not in NAMES, name
    NAMES.add(name)
    expected = np.asarray(expected)
    assert expected.dtype in DT_NAME, (name, expected.dtype)
    lines = [f"case {name}"]
    for a in inputs:
        a = np.asarray(a)
        assert a.dtype in DT_NAME, (name, a.dtype)
        lines.append(fmt_tensor("in", a))
    for o in ops:
        lines.append("op " + o)
    lines.append(fmt_tensor("out", expected))
    if tol is not None:
        if isinstance(tol, str):
            lines.append("tol " + tol)
        else:
            rtol, atol, reason = tol
            lines.append(f"tol {rtol!r} {atol!r} {reason}")
    lines.append("end")
    CASES.append("\n".join(lines))


def dname(dt):
    return DT_NAME[np.dtype(dt)]


# ---------------------------------------------------------------------------------------------- references

def with_errstate(f):
    def g(*a, **k):
        with np.errstate(all="ignore"):
            return f(*a, **k)
    return g


def java_f2i(x):
    """Java's (int) cast of a double: truncation toward zero, NaN -> 0, saturation."""
    x = float(x)
    if math.isnan(x):
        return 0
    if x >= INT_MAX:
        return INT_MAX
    if x <= INT_MIN:
        return INT_MIN
    return int(x)


def java_to_int(a):
    return np.array([java_f2i(v) for v in np.asarray(a, F64).reshape(-1)], I32).reshape(np.shape(a))


@with_errstate
def java_pow(a, b):
    """Math.pow: as C's pow except that a NaN exponent gives NaN and (+-1) ** (+-Inf) is NaN."""
    r = np.power(a, b)
    a64 = np.asarray(a, F64)
    b64 = np.asarray(b, F64)
    a64, b64 = np.broadcast_arrays(a64, b64)
    bad = np.isnan(b64) | ((np.abs(a64) == 1) & np.isinf(b64))
    r = np.array(r, copy=True)
    r[bad] = np.nan
    return r


def int_pow(a, b):
    """INT32 pow by the SPI: exact power with wrap-around for b >= 0; for b < 0, trunc(1/a^|b|), 0 for a = 0."""
    a, b = np.broadcast_arrays(np.asarray(a, I32), np.asarray(b, I32))
    out = np.empty(a.shape, I32)
    for idx in np.ndindex(a.shape):
        x, y = int(a[idx]), int(b[idx])
        if y >= 0:
            v = pow(x, y, 2 ** 32)
            v = v - 2 ** 32 if v >= 2 ** 31 else v
        elif x == 0:
            v = 0
        elif x == 1:
            v = 1
        elif x == -1:
            v = 1 if (-y) % 2 == 0 else -1
        else:
            v = 0
        out[idx] = v
    return out


@with_errstate
def ref_sigmoid(x):
    x = np.asarray(x, F64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


@with_errstate
def ref_softplus(x):
    x = np.asarray(x, F64)
    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))


@with_errstate
def ref_log_sigmoid(x):
    return -ref_softplus(-np.asarray(x, F64))


@with_errstate
def ref_softmax(x, axis):
    x = np.asarray(x, F64)
    s = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(s)
    return e / np.sum(e, axis=axis, keepdims=True)


@with_errstate
def ref_log_softmax(x, axis):
    x = np.asarray(x, F64)
    s = x - np.max(x, axis=axis, keepdims=True)
    return s - np.log(np.sum(np.exp(s), axis=axis, keepdims=True))


@with_errstate
def ref_logsumexp(x, axis, keep):
    """scipy.special.logsumexp: the maximum is taken as 0 where it is not finite."""
    x = np.asarray(x, F64)
    m = np.max(x, axis=axis, keepdims=True) if x.shape[axis] else np.zeros(
        tuple(1 if i == axis % x.ndim else d for i, d in enumerate(x.shape)))
    m = np.where(np.isfinite(m), m, 0.0)
    r = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True)) + m
    return r if keep else np.squeeze(r, axis=axis)


def in_dtype(f, x, dt):
    """f computed in float64 from x (already of dtype dt), rounded to dt."""
    with np.errstate(all="ignore"):
        return np.asarray(f(np.asarray(x, F64)), F64).astype(dt)


# ---------------------------------------------------------------------------------------------- cases

class Gen:
    """Pseudo-random inputs computed in the test itself from arange with INT32 arithmetic, so that large
    inputs cost the file nothing: an LCG step with wrap-around, h = i * 1103515245 + SALT, then
    v = ((h // 65536) mod MOD) - MOD // 2 (the mod written t - (t // MOD) * MOD; floor division keeps it
    non-negative), converted to DTYPE, and for SCALE != 1 multiplied by SCALE in DTYPE (one correctly
    rounded IEEE product, so numpy reproduces the bits). Every op used is itself checked by other cases."""

    def __init__(self, salt, mod, dt, scale=1.0):
        self.salt, self.mod, self.dt, self.scale = salt, mod, dt, scale

    def build(self, ops, shape):
        """Appends the ops that make this input with `shape` to `ops` (registers numbered from len(ops));
        returns (ops, numpy array). The input is the last register."""
        n = int(np.prod(shape))
        r = len(ops)
        new = [f"arange {n}", f"mul %{r} 1103515245", f"add %{r + 1} {self.salt}", f"div %{r + 2} 65536",
               f"div %{r + 3} {self.mod}", f"mul %{r + 4} {self.mod}", f"sub %{r + 3} %{r + 5}",
               f"sub %{r + 6} {self.mod // 2}", f"to %{r + 7} {dname(self.dt)}"]
        vals = []
        for i in range(n):
            h = (i * 1103515245 + self.salt) & 0xFFFFFFFF
            h = h - 2 ** 32 if h >= 2 ** 31 else h  # INT32 wrap-around
            vals.append((h // 65536) % self.mod - self.mod // 2)
        v = np.array(vals, self.dt)
        if self.scale != 1.0:
            new.append(f"mul %{len(ops) + len(new) - 1} {self.scale!r}")
            v = (v * self.dt(self.scale)).astype(self.dt)
        new.append(f"reshape %{len(ops) + len(new) - 1} " + " ".join(map(str, shape)))
        return ops + new, v.reshape(shape)


SPECIALS = np.array([-INF, -1000.0, -2.5, -1.0, -0.0, 0.0, 0.5, 1.0, 3.0, 1000.0, INF, NAN])
SMALL_SPECIALS = np.array([-INF, -2.5, -1.0, -0.0, 0.0, 0.5, 1.0, 3.0, INF, NAN])

BINARY_NP = {
    "add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide, "pow": java_pow,
    "maximum": np.maximum, "minimum": np.minimum,
    "eq": np.equal, "ne": np.not_equal, "gt": np.greater, "ge": np.greater_equal,
    "lt": np.less, "le": np.less_equal,
}
COMPARISONS = {"eq", "ne", "gt", "ge", "lt", "le"}

# Broadcast pairs: (shape of a, shape of b).
BROADCASTS = [
    ((3, 4), (3, 4)),
    ((3, 1), (1, 4)),
    ((1, 4), (3, 1)),
    ((2, 3, 4), (4,)),
    ((4,), (2, 3, 4)),
    ((2, 1, 4), (3, 1)),
    ((), (2, 3)),
    ((2, 3), ()),
    ((0, 3), (1, 3)),
    ((3,), (0, 1)),
    ((1, 1), (1,)),
    ((1,), (5,)),
]


def rnd(shape, dt=F64, lo=-3.0, hi=3.0):
    """Uniform random inputs with 3 decimals (short to write; still arbitrary, non-dyadic doubles)."""
    return np.round(np.random.uniform(lo, hi, size=shape), 3).astype(dt)


def rnd_pos(shape, dt=F64, lo=0.25, hi=4.0):
    return rnd(shape, dt, lo, hi)


def sname(shape):
    return "s" if len(shape) == 0 else "x".join(str(d) for d in shape)


@with_errstate
def binary_expected(op, a, b):
    r = BINARY_NP[op](a, b)
    rt = np.result_type(a, b)
    return np.asarray(r).astype(rt)


def binary_tol(op, dt):
    """+ - * / maximum minimum and comparisons are exact in IEEE 754 (numpy and Java round alike); pow
    goes through libm / Math.pow, which may differ by an ulp."""
    return None if op == "pow" else EXACT


def gen_binary():
    for op in BINARY_NP:
        # every broadcast position, float64
        for sa, sb in BROADCASTS:
            a = rnd_pos(sa) if op == "pow" else rnd(sa)
            b = rnd(sb)
            if op in COMPARISONS and a.size and b.size:
                # make some elements equal so eq/ge/le see ties
                b.reshape(-1)[0] = a.reshape(-1)[0]
            case(f"{op}.f64.{sname(sa)}_{sname(sb)}", [a, b], [f"{op} %0 %1"], binary_expected(op, a, b),
                 binary_tol(op, F64))
        # float32, a few positions, and float32 with float64 (promotes to float64)
        for sa, sb in [((3, 1), (1, 4)), ((2, 3, 4), (4,)), ((), (2, 3))]:
            a = (rnd_pos(sa) if op == "pow" else rnd(sa)).astype(F32)
            b = rnd(sb).astype(F32)
            exp = binary_expected(op, a, b)
            if op == "pow":
                exp = in_dtype(lambda x: java_pow(x, b.astype(F64)), a, F32)
            case(f"{op}.f32.{sname(sa)}_{sname(sb)}", [a, b], [f"{op} %0 %1"], exp, binary_tol(op, F32))
        a = rnd((2, 3)).astype(F32) if op != "pow" else rnd_pos((2, 3)).astype(F32)
        b = rnd((3,))
        case(f"{op}.f32_f64.2x3_3", [a, b], [f"{op} %0 %1"], binary_expected(op, a.astype(F64), b),
             binary_tol(op, F64))
        # NaN / Inf / signed zeros: every pair of special values, as an outer grid (10,1) x (1,10)
        for dt, sp in ((F64, SMALL_SPECIALS), (F32, SMALL_SPECIALS)):
            a = sp.reshape(-1, 1).astype(dt)
            b = sp.reshape(1, -1).astype(dt)
            exp = binary_expected(op, a, b)
            if op == "pow":
                # jdeep follows Math.pow (pow(1, NaN) and pow(+-1, +-Inf) are NaN, numpy gives 1)
                exp = java_pow(a, b).astype(dt)
            case(f"{op}.{dname(dt)}.specials", [a, b], [f"{op} %0 %1"], exp, binary_tol(op, dt))
        # scalar (double) operand: a.op(value), the value converted to the tensor's dtype
        for dt in (F64, F32):
            a = rnd((2, 3), dt) if op != "pow" else rnd_pos((2, 3), dt)
            a.reshape(-1)[1] = 1.5
            # for float32 the value is converted to float32 first (0.1 -> 0.1f), as numpy does with np.float32
            for v in ((1.5, -0.75, 0.0, INF, NAN) if dt == F64 else (-0.75, 0.1, NAN)):
                if op == "pow" and v in (INF,):
                    continue
                vv = dt(v)
                exp = binary_expected(op, a, vv)
                if op == "pow":
                    exp = in_dtype(lambda x: java_pow(x, np.float64(vv)), a, dt)
                vs = fmt_value(v, "f64")
                case(f"{op}_scalar.{dname(dt)}.{vs}", [a], [f"{op} %0 {vs}"], exp.astype(dt), binary_tol(op, dt))
        # non-contiguous operands: a transposed, b a stepped slice
        a = rnd((4, 3)) if op != "pow" else rnd_pos((4, 3))
        b = rnd((3, 8))
        case(f"{op}.f64.transposed_stepped", [a, b], ["transpose %0", "slice %1 1 1 8 2", f"{op} %2 %3"],
             binary_expected(op, a.T, b[:, 1:8:2]), binary_tol(op, F64))


@with_errstate
def int_binary_expected(op, a, b):
    if op == "div":
        r = np.floor_divide(a, b)
        r = np.where(b == 0, 0, r)
        return np.asarray(r, I32)
    if op == "pow":
        return int_pow(a, b)
    r = BINARY_NP[op](a, b)
    return np.asarray(r).astype(I32)


def gen_int_binary():
    vals = np.array([INT_MIN, -7, -2, -1, 0, 1, 2, 7, INT_MAX], I32)
    for op in BINARY_NP:
        a = vals.reshape(-1, 1)
        b = vals.reshape(1, -1)
        if op == "pow":
            pv = np.array([-3, -1, 0, 1, 2, 3, 31], I32)
            a = np.array([INT_MIN, -3, -2, -1, 0, 1, 2, 3, 46341], I32).reshape(-1, 1)
            b = pv.reshape(1, -1)
        case(f"{op}.i32.grid", [a, b], [f"{op} %0 %1"], int_binary_expected(op, a, b), EXACT)
        a = np.random.randint(-20, 20, size=(2, 3, 4)).astype(I32)
        b = np.random.randint(-5, 6, size=(4,)).astype(I32)
        if op == "pow":
            b = np.random.randint(-2, 5, size=(4,)).astype(I32)
        case(f"{op}.i32.2x3x4_4", [a, b], [f"{op} %0 %1"], int_binary_expected(op, a, b), EXACT)
        for v in (3, -2, 0):
            vv = np.int32(v)
            case(f"{op}_scalar.i32.{v}", [a], [f"{op} %0 {v}"],
                 int_binary_expected(op, a, np.full((), vv, I32)), EXACT)


UNARY = {
    # name: (reference in float64, domain of random inputs, exact?)
    "neg": (lambda x: -x, (-3, 3), True),
    "exp": (np.exp, (-5, 5), False),
    "log": (np.log, (0.01, 10), False),
    "log1p": (np.log1p, (-0.9, 5), False),
    "expm1": (np.expm1, (-3, 3), False),
    "sqrt": (np.sqrt, (0, 10), True),
    "abs": (np.abs, (-3, 3), True),
    "sign": (np.sign, (-3, 3), True),
    "square": (np.square, (-3, 3), True),
    "reciprocal": (lambda x: 1.0 / x, (0.1, 3), True),
    "tanh": (np.tanh, (-4, 4), False),
    "sigmoid": (ref_sigmoid, (-8, 8), False),
    "softplus": (ref_softplus, (-8, 8), False),
    "logSigmoid": (ref_log_sigmoid, (-8, 8), False),
    "relu": (lambda x: np.maximum(x, 0.0), (-3, 3), True),
}
UNARY_EXTRA = {
    "log1p": [1e-10, -1e-10, 1e-300, -1.0, -2.0],
    "expm1": [1e-10, -1e-10, 1e-300, 710.0, -745.0],
    "exp": [710.0, -746.0, 88.0, -88.0, 1e-300],
    "log": [1e-300, 5e-324, 1e300],
    "tanh": [20.0, -20.0, 1e-10],
    "sigmoid": [-745.0, -40.0, 40.0, 1e-10],
    "softplus": [-745.0, -40.0, 40.0, 1e-10, 1e-300],
    "logSigmoid": [-40.0, 40.0, 745.0, 1e-10],
    "sqrt": [1e-300, 4.0, 2.0],
    "reciprocal": [1e-300, -3.0, 1e308],
}


def gen_unary():
    for op, (f, (lo, hi), exact) in UNARY.items():
        tol = (BITS if op in ("neg", "abs", "square") else EXACT) if exact else None
        x = rnd((2, 3, 4), lo=lo, hi=hi)
        case(f"{op}.f64.2x3x4", [x], [f"{op} %0"], in_dtype(f, x, F64), tol)
        x32 = rnd((3, 5), F32, lo=lo, hi=hi)
        case(f"{op}.f32.3x5", [x32], [f"{op} %0"], in_dtype(f, x32, F32), tol)
        extra = np.array(list(SPECIALS) + UNARY_EXTRA.get(op, []))
        case(f"{op}.f64.specials", [extra], [f"{op} %0"], in_dtype(f, extra, F64), tol)
        ex32 = extra.astype(F32)
        case(f"{op}.f32.specials", [ex32], [f"{op} %0"], in_dtype(f, ex32, F32), tol)
        # rank 0, size 0, and a non-contiguous (transposed, then stepped) input
        s = np.array(0.75 if op not in ("log",) else 2.0)
        case(f"{op}.f64.scalar", [s], [f"{op} %0"], in_dtype(f, s, F64), tol)
        z = np.zeros((0, 3))
        case(f"{op}.f64.0x3", [z], [f"{op} %0"], in_dtype(f, z, F64), EXACT)
        x = rnd((4, 6), lo=lo, hi=hi)
        case(f"{op}.f64.transposed_stepped", [x], ["transpose %0", "slice %1 0 5 Integer.MIN_VALUE -2", f"{op} %2"],
             in_dtype(f, x.T[5::-2], F64), tol)
    # INT32 unary ops the API allows
    iv = np.array([INT_MIN, INT_MIN + 1, -46341, -7, -1, 0, 1, 7, 46341, INT_MAX], I32)
    with np.errstate(all="ignore"):
        ir = {"neg": -iv, "abs": np.abs(iv), "sign": np.sign(iv), "square": iv * iv, "relu": np.maximum(iv, 0)}
    for op, r in ir.items():
        case(f"{op}.i32", [iv], [f"{op} %0"], np.asarray(r, I32), EXACT)


def gen_activation_params():
    for dt in (F64, F32):
        x = np.array(list(SPECIALS) + [-0.3, 0.3], dt)
        for alpha in (0.01, 0.2, 0.0, -1.5):
            a = dt(alpha)
            with np.errstate(all="ignore"):
                exp = np.where(x > 0, x, x * a).astype(dt)
            case(f"leakyRelu.{dname(dt)}.{alpha!r}", [x], [f"leakyRelu %0 {alpha!r}"], exp, EXACT)
        for lo, hi in ((-1.0, 1.0), (0.0, 0.0), (-INF, 2.5), (-2.0, INF), (0.25, 0.75)):
            exp = np.minimum(np.maximum(x, dt(lo)), dt(hi)).astype(dt)
            case(f"clip.{dname(dt)}.{fmt_value(lo, 'f64')}_{fmt_value(hi, 'f64')}", [x],
                 [f"clip %0 {fmt_value(lo, 'f64')} {fmt_value(hi, 'f64')}"], exp, EXACT)
    x = rnd((3, 4))
    case("leakyRelu.f64.transposed", [x], ["transpose %0", "leakyRelu %1 0.1"],
         np.where(x.T > 0, x.T, x.T * 0.1), EXACT)
    case("clip.f64.transposed", [x], ["transpose %0", "clip %1 -1 1"], np.clip(x.T, -1, 1), EXACT)
    xi = np.array([INT_MIN, -7, -1, 0, 1, 7, INT_MAX], I32)
    with np.errstate(all="ignore"):
        case("leakyRelu.i32.2", [xi], ["leakyRelu %0 2"], np.where(xi > 0, xi, xi * np.int32(2)).astype(I32), EXACT)
    case("clip.i32.-3_5", [xi], ["clip %0 -3 5"], np.clip(xi, -3, 5).astype(I32), EXACT)


def gen_where():
    shapes = [((3, 4), (3, 4), (3, 4)), ((3, 1), (1, 4), (4,)), ((4,), (3, 1), ()), ((2, 1, 1), (3, 1), (1, 4)),
              ((0, 1), (1, 3), (3,)), ((), (2, 2), (2, 2))]
    for sc, sa, sb in shapes:
        c = (np.random.uniform(size=sc) > 0.5).astype(F64)
        a, b = rnd(sa), rnd(sb)
        case(f"where.f64.{sname(sc)}_{sname(sa)}_{sname(sb)}", [c, a, b], ["where %0 %1 %2"], np.where(c != 0, a, b),
             EXACT)
    # cond holds NaN (true, as numpy), -0.0 (false), Inf; cond f32, values i32
    c = np.array([NAN, -0.0, 0.0, INF, -2.0, 0.5], F32)
    a = np.arange(6, dtype=I32)
    b = -np.arange(6, dtype=I32) - 10
    case("where.condf32.i32", [c, a, b], ["where %0 %1 %2"], np.where(c != 0, a, b).astype(I32), BITS)
    ci = np.array([[0, 3], [-1, 0]], I32)
    a = np.array([[1.5, NAN], [INF, -0.0]], F32)
    b = np.array([7.0, 8.0])
    case("where.condi32.f32_f64", [ci, a, b], ["where %0 %1 %2"], np.where(ci != 0, a.astype(F64), b), BITS)
    a32, b32 = rnd((2, 3), F32), rnd((2, 3), F32)
    c = np.array([[1, 0, 1], [0, 0, 1]], I32)
    case("where.condi32.f32", [c, a32, b32], ["where %0 %1 %2"], np.where(c != 0, a32, b32), BITS)
    # non-contiguous: transposed cond and a, broadcast b
    c = (np.random.uniform(size=(4, 3)) > 0.5).astype(F64)
    a = rnd((4, 3))
    b = rnd((1,))
    case("where.f64.transposed", [c, a, b], ["transpose %0", "transpose %1", "where %3 %4 %2"],
         np.where(c.T != 0, a.T, b), BITS)


REDUCE_NP = {"sum": np.sum, "mean": np.mean, "max": np.max, "min": np.min, "var": np.var, "std": np.std}


def bool_s(b):
    return "true" if b else "false"


@with_errstate
def reduce_expected(op, x, axis, keep, dt):
    if dt == I32 and op in ("sum", "max", "min"):
        r = REDUCE_NP[op](x, axis=axis, keepdims=keep, dtype=I32) if op == "sum" else REDUCE_NP[op](
            x, axis=axis, keepdims=keep)
        return np.asarray(r, I32)
    if dt == I32:
        return np.asarray(REDUCE_NP[op](x.astype(F64), axis=axis, keepdims=keep), F64)
    if op in ("max", "min"):
        return np.asarray(REDUCE_NP[op](x, axis=axis, keepdims=keep), dt)
    return np.asarray(REDUCE_NP[op](x.astype(F64), axis=axis, keepdims=keep), F64).astype(dt)


def reduce_tol(op, dt):
    if op in ("max", "min") or dt == I32 and op == "sum":
        return EXACT
    return None


def gen_reductions():
    for dt in (F64, F32, I32):
        x = rnd((2, 3, 4), dt) if dt != I32 else np.random.randint(-50, 50, size=(2, 3, 4)).astype(I32)
        for op in REDUCE_NP:
            tol = reduce_tol(op, dt)
            case(f"{op}.{dname(dt)}.all", [x], [f"{op} %0"], reduce_expected(op, x, None, False, dt), tol)
            if dt != F64:
                axes = ((1, False), (-3, True))
            elif op in ("sum", "max"):  # every axis, keepDims both ways
                axes = ((0, False), (1, False), (2, False), (0, True), (1, True), (2, True), (-1, True))
            else:
                axes = ((0, False), (1, False), (2, False), (1, True), (-1, True))
            for axis, keep in axes:
                case(f"{op}.{dname(dt)}.axis{axis}.{bool_s(keep)}", [x], [f"{op} %0 {axis} {bool_s(keep)}"],
                     reduce_expected(op, x, axis, keep, dt), tol)
        for op in ("argmax", "argmin"):
            # ties: the first index wins
            xt = x.copy()
            xt[0, 1, :] = xt[0, 1, 2]
            xt[1, :, 3] = xt[1, 0, 3]
            for axis in (0, 1, 2, -1):
                case(f"{op}.{dname(dt)}.axis{axis}", [xt], [f"{op} %0 {axis}"],
                     getattr(np, op)(xt, axis=axis).astype(I32), EXACT)
    # NaN and infinities: max/min propagate NaN, argmax/argmin give the first NaN
    x = np.array([[1.0, NAN, 3.0, NAN], [-INF, 2.0, INF, 0.0], [5.0, 4.0, 3.0, NAN], [-INF, -INF, -INF, -INF]])
    for dt in (F64, F32):
        xd = x.astype(dt)
        for op in ("max", "min"):
            case(f"{op}.{dname(dt)}.nan.all", [xd], [f"{op} %0"], REDUCE_NP[op](xd).astype(dt), EXACT)
            for axis in (0, 1):
                case(f"{op}.{dname(dt)}.nan.axis{axis}", [xd], [f"{op} %0 {axis} false"],
                     REDUCE_NP[op](xd, axis=axis).astype(dt), EXACT)
        for op in ("argmax", "argmin"):
            for axis in (0, 1):
                case(f"{op}.{dname(dt)}.nan.axis{axis}", [xd], [f"{op} %0 {axis}"],
                     getattr(np, op)(xd, axis=axis).astype(I32), EXACT)
        with np.errstate(all="ignore"):
            case(f"sum.{dname(dt)}.nan.axis1", [xd], ["sum %0 1 false"], np.sum(xd.astype(F64), axis=1).astype(dt))
            case(f"mean.{dname(dt)}.nan.axis0", [xd], ["mean %0 0 true"],
                 np.mean(xd.astype(F64), axis=0, keepdims=True).astype(dt))
    # empty tensors
    z = np.zeros((0, 3))
    with np.errstate(all="ignore"):
        case("sum.f64.empty.all", [z], ["sum %0"], np.sum(z), EXACT)
        case("sum.f64.empty.axis0", [z], ["sum %0 0 false"], np.sum(z, axis=0), EXACT)
        case("sum.f64.empty.axis0.true", [z], ["sum %0 0 true"], np.sum(z, axis=0, keepdims=True), EXACT)
        case("sum.f64.empty.axis1", [z], ["sum %0 1 false"], np.sum(z, axis=1), EXACT)
        case("mean.f64.empty.all", [z], ["mean %0"], np.asarray(np.mean(z), F64), EXACT)
        case("mean.f64.empty.axis0", [z], ["mean %0 0 false"], np.mean(z, axis=0), EXACT)
        case("var.f64.empty.all", [z], ["var %0"], np.asarray(np.var(z), F64), EXACT)
        case("max.f64.empty.axis1", [z], ["max %0 1 false"], np.max(z, axis=1), EXACT)
        case("argmin.f64.empty.axis1", [z], ["argmin %0 1"], np.argmin(z, axis=1).astype(I32), EXACT)
        zi = np.zeros((2, 0), I32)
        case("sum.i32.empty.all", [zi], ["sum %0"], np.asarray(0, I32), EXACT)
        case("sum.i32.empty.axis1", [zi], ["sum %0 1 true"], np.zeros((2, 1), I32), EXACT)
        case("mean.i32.empty.axis1", [zi], ["mean %0 1 false"], np.mean(zi.astype(F64), axis=1), EXACT)
    # INT32 sum wraps around like Java int arithmetic (numpy with dtype=int32)
    xi = np.array([INT_MAX, 1, 5, INT_MIN, -1, -5], I32).reshape(2, 3)
    with np.errstate(all="ignore"):
        case("sum.i32.wrap.axis1", [xi], ["sum %0 1 false"], np.sum(xi, axis=1, dtype=I32), EXACT)
    # rank 0 and size-1 axes
    s = np.array(2.5)
    case("sum.f64.scalar", [s], ["sum %0"], np.asarray(2.5), EXACT)
    case("max.f64.scalar", [s], ["max %0"], np.asarray(2.5), EXACT)
    case("var.f64.scalar", [s], ["var %0"], np.asarray(0.0), EXACT)
    x1 = rnd((3, 1, 2))
    case("sum.f64.size1axis", [x1], ["sum %0 1 false"], np.sum(x1, axis=1), EXACT)
    case("argmax.f64.size1axis", [x1], ["argmax %0 1"], np.argmax(x1, axis=1).astype(I32), EXACT)
    # non-contiguous inputs: a permuted and a stepped view
    x = rnd((3, 4, 5))
    v = x.transpose(2, 0, 1)
    for op in REDUCE_NP:
        for axis in (None, 0, 2):
            ops = ["permute %0 2 0 1", f"{op} %1" + ("" if axis is None else f" {axis} false")]
            case(f"{op}.f64.permuted.{'all' if axis is None else 'axis' + str(axis)}", [x], ops,
                 np.asarray(REDUCE_NP[op](v, axis=axis), F64), reduce_tol(op, F64))
    w = x[:, ::-1, ::2]
    case("argmax.f64.stepped.axis2", [x], ["slice %0 1 -1 Integer.MIN_VALUE -1", "slice %1 2 0 Integer.MAX_VALUE 2",
                                           "argmax %2 2"], np.argmax(w, axis=2).astype(I32), EXACT)
    case("sum.f64.stepped.axis1", [x], ["slice %0 1 -1 Integer.MIN_VALUE -1", "slice %1 2 0 Integer.MAX_VALUE 2",
                                        "sum %2 1 true"], np.sum(w, axis=1, keepdims=True))
    b = rnd((4,))
    case("max.f64.broadcast.axis0", [b], ["broadcastTo %0 3 4", "max %1 0 false"], b, EXACT)
    case("sum.f64.broadcast.all", [b], ["broadcastTo %0 3 4", "sum %1"], np.sum(np.broadcast_to(b, (3, 4))))
    # longer rows, to exercise any vectorised or blocked summation (inputs made in the test, see Gen)
    ops, x = Gen(31337, 601, F64, 0.01).build([], (2, 517))
    case("sum.f64.2x517.axis1", [], ops + [f"sum %{len(ops) - 1} 1 false"], np.sum(x, axis=1))
    case("var.f64.2x517.all", [], ops + [f"var %{len(ops) - 1}"], np.asarray(np.var(x)))
    ops, x32 = Gen(31337, 601, F32, 0.01).build([], (2, 517))
    case("sum.f32.2x517.axis0.transposed", [], ops + [f"transpose %{len(ops) - 1}", f"sum %{len(ops)} 0 false"],
         np.sum(x32.astype(F64), axis=1).astype(F32),
         (1e-5, 1e-4, "float32 sums of 517 terms of magnitude ~3: accumulation order may cost ~sqrt(517) ulp"))


def gen_matmul():
    shapes = [((2, 3), (3, 4)), ((3,), (3, 4)), ((2, 3), (3,)), ((5,), (5,)), ((2, 1, 3, 4), (5, 4, 2)),
              ((2, 3, 4), (4, 5)), ((4, 5), (3, 5, 2)), ((7, 13), (13, 5)), ((1, 1), (1, 1)), ((2, 0), (0, 3)),
              ((0, 4), (4, 3)), ((3,), (2, 3, 1)), ((2, 2, 3), (3,)), ((1, 3, 4), (2, 1, 4, 2))]
    for dt in (F64, F32):
        for sa, sb in shapes:
            a, b = rnd(sa, dt), rnd(sb, dt)
            exp = np.matmul(a.astype(F64), b.astype(F64)).astype(dt)
            tol = None if dt == F64 else (
                1e-5, 1e-5, "float32 dot products of up to 13 terms: accumulation order and FMA may cost a few ulp")
            case(f"matmul.{dname(dt)}.{sname(sa)}_{sname(sb)}", [a, b], ["matmul %0 %1"], np.asarray(exp, dt), tol)
    # mixed float32 x float64 promotes to float64
    a, b = rnd((3, 4), F32), rnd((4, 2))
    case("matmul.f32_f64.3x4_4x2", [a, b], ["matmul %0 %1"], a.astype(F64) @ b)
    # odd, larger sizes with small integer values: exact in both dtypes (all partial sums < 2^24)
    for dt, (m, k, n) in ((F32, (65, 129, 33)), (F64, (65, 129, 33)), (F64, (33, 65, 17))):
        ops, a = Gen(12345, 17, dt).build([], (m, k))
        ops, b = Gen(777, 17, dt).build(ops, (k, n))
        assert k * 64 < 2 ** 24
        ops = ops + [f"matmul %{len(ops) - 11} %{len(ops) - 1}"]
        r = (a @ b).astype(dt)
        if m == 65:
            # to keep the file small: float32 rows 0, 2, ..., 64 and float64 rows 1, 4, ..., 64 (odd and even
            # rows, and the last, partial tile's edge)
            first, step = (0, 2) if dt == F32 else (1, 3)
            ops, r = ops + [f"slice %{len(ops) - 1} 0 {first} Integer.MAX_VALUE {step}"], r[first::step]
        case(f"matmul.{dname(dt)}.{m}x{k}_{k}x{n}.int_valued", [], ops, r, EXACT)
    ops, a = Gen(4242, 2001, F64, 0.001).build([], (9, 40))
    ops, b = Gen(99, 2001, F64, 0.001).build(ops, (40, 5))
    case("matmul.f64.9x40_40x5", [], ops + [f"matmul %{len(ops) - 12} %{len(ops) - 1}"], a @ b,
         (1e-12, 1e-12, "float64 dot products of 40 terms"))
    # non-contiguous operands
    a, b = rnd((4, 3)), rnd((5, 4))
    case("matmul.f64.transposed_both", [a, b], ["transpose %0", "transpose %1", "matmul %2 %3"], a.T @ b.T)
    a, b = rnd((3, 8)), rnd((4, 2))
    case("matmul.f64.stepped_left", [a, b], ["slice %0 1 Integer.MAX_VALUE Integer.MIN_VALUE -2", "matmul %2 %1"],
         a[:, ::-2] @ b)
    v = rnd((9,))
    m = rnd((5, 3))
    case("matmul.f64.stepped_vector", [m, v], ["slice %1 0 1 8 3", "matmul %0 %2"], m @ v[1:8:3])
    a, b = rnd((3, 2, 4)), rnd((4, 5))
    case("matmul.f64.permuted_batch", [a, b], ["permute %0 1 0 2", "matmul %2 %1"], a.transpose(1, 0, 2) @ b)
    a, b = rnd((2, 3, 4, 2)), rnd((2, 5))
    case("matmul.f64.permuted_4d", [a, b], ["permute %0 2 0 1 3", "matmul %2 %1"], a.transpose(2, 0, 1, 3) @ b)
    a, b = rnd((3, 4)), rnd((4, 2))
    case("matmul.f64.broadcast_batch", [a, b], ["broadcastTo %0 2 3 4", "matmul %2 %1"],
         np.broadcast_to(a, (2, 3, 4)) @ b)
    a, b = rnd((4, 3, 4)), rnd((2, 4, 2))
    case("matmul.f32.sliced_batch", [a.astype(F32), b.astype(F32)], ["slice %0 0 0 4 2", "matmul %2 %1"],
         (a.astype(F32).astype(F64)[0:4:2] @ b.astype(F32).astype(F64)).astype(F32))
    a = np.array([[1.0, INF], [NAN, 0.0]])
    b = np.array([[1.0, 0.0], [1.0, 1.0]])
    with np.errstate(all="ignore"):
        case("matmul.f64.inf_nan", [a, b], ["matmul %0 %1"], a @ b, EXACT)


def gen_views():
    x = np.arange(24, dtype=F64).reshape(2, 3, 4) * 0.5 - 3
    xi = np.arange(24, dtype=I32).reshape(2, 3, 4)
    case("transpose.f64.2x3x4", [x], ["transpose %0"], x.T.copy(), EXACT)
    case("transpose.i32.2x3x4", [xi], ["transpose %0"], xi.T.copy(), EXACT)
    case("transpose.f64.1d", [x[0, 0]], ["transpose %0"], x[0, 0], EXACT)
    case("transpose.f64.scalar", [np.array(3.5)], ["transpose %0"], np.array(3.5), EXACT)
    for perm in ((0, 2, 1), (2, 0, 1), (1, 2, 0), (-1, 0, -2)):
        case(f"permute.f64.{'_'.join(map(str, perm))}", [x], ["permute %0 " + " ".join(map(str, perm))],
             x.transpose(perm).copy(), EXACT)
    case("permute.f64.twice", [x], ["permute %0 2 0 1", "permute %1 1 0 2"], x.transpose(2, 0, 1).transpose(1, 0, 2),
         EXACT)
    for shp in ((4, 6), (-1, 4), (2, -1, 2), (24,), (-1,), (1, 24, 1), (2, 3, 4)):
        case(f"reshape.f64.{'_'.join(map(str, shp))}", [x], ["reshape %0 " + " ".join(map(str, shp))],
             x.reshape(shp), EXACT)
    case("reshape.f64.scalar", [np.array([7.5])], ["reshape %0"], np.array(7.5), EXACT)
    case("reshape.f64.scalar_to_1x1", [np.array(7.5)], ["reshape %0 1 -1"], np.array([[7.5]]), EXACT)
    case("reshape.f64.empty", [np.zeros((0, 3))], ["reshape %0 3 -1"], np.zeros((3, 0)), EXACT)
    case("reshape.f64.transposed", [x], ["transpose %0", "reshape %1 -1 6"], x.T.reshape(-1, 6), EXACT)
    case("reshape.f64.permuted_merge", [x], ["permute %0 1 0 2", "reshape %1 6 4"], x.transpose(1, 0, 2).reshape(6, 4),
         EXACT)
    case("reshape.f64.sliced", [x], ["slice %0 2 1 3 1", "reshape %1 -1"], x[:, :, 1:3].reshape(-1), EXACT)
    case("reshape.f64.split_view", [x], ["slice %0 0 1 2 1", "reshape %1 3 2 2"], x[1:2].reshape(3, 2, 2), EXACT)
    case("reshape.i32.stepped", [xi], ["slice %0 1 Integer.MAX_VALUE Integer.MIN_VALUE -1", "reshape %1 2 -1"],
         xi[:, ::-1].reshape(2, -1), EXACT)
    case("reshape.f64.then_exp", [x], ["transpose %0", "reshape %1 4 6", "exp %2"], np.exp(x.T.reshape(4, 6)))
    case("flatten.f64", [x], ["flatten %0"], x.reshape(-1), EXACT)
    case("flatten.f64.transposed", [x], ["transpose %0", "flatten %1"], x.T.reshape(-1), EXACT)
    case("flatten.f64.scalar", [np.array(2.0)], ["flatten %0"], np.array([2.0]), EXACT)
    y = np.arange(6, dtype=F32).reshape(1, 3, 1, 2)
    for ax in (0, 2, -2, -4):
        case(f"squeeze.f32.axis{ax}", [y], [f"squeeze %0 {ax}"], np.squeeze(y, axis=ax), EXACT)
    for ax in (0, 1, 2, -1, -3):
        case(f"unsqueeze.f32.axis{ax}", [y[0, :, 0]], [f"unsqueeze %0 {ax}"], np.expand_dims(y[0, :, 0], ax), EXACT)
    case("unsqueeze.f64.scalar", [np.array(1.5)], ["unsqueeze %0 0"], np.array([1.5]), EXACT)
    a, b = rnd((2, 3)), rnd((3, 4, 2))
    case("unsqueeze.f64.transposed_then_add", [a, b], ["transpose %0", "unsqueeze %2 1", "add %3 %1"],
         np.expand_dims(a.T, 1) + b, EXACT)
    v = rnd((3, 1))
    for shp in ((3, 1), (3, 4), (2, 3, 4), (0, 3, 5), (1, 1, 3, 2)):
        case(f"broadcastTo.f64.{sname(shp)}", [v], ["broadcastTo %0 " + " ".join(map(str, shp))],
             np.broadcast_to(v, shp).copy(), EXACT)
    case("broadcastTo.f64.scalar", [np.array(2.5)], ["broadcastTo %0 2 2"], np.full((2, 2), 2.5), EXACT)
    case("broadcastTo.f64.then_exp", [v], ["broadcastTo %0 3 4", "exp %1"], np.exp(np.broadcast_to(v, (3, 4))))
    case("broadcastTo.i32.then_transpose", [xi[0, :, :1]], ["broadcastTo %0 2 3 5", "transpose %1"],
         np.broadcast_to(xi[0, :, :1], (2, 3, 5)).T.copy(), EXACT)


MAXV, MINV = "Integer.MAX_VALUE", "Integer.MIN_VALUE"


def py_bound(s):
    if s == MAXV:
        return 2 ** 31 - 1
    if s == MINV:
        return -2 ** 31
    return s


def gen_slice():
    x = np.arange(30, dtype=F64).reshape(5, 6) - 10.5
    specs = [(0, 1, 3, 1), (1, 1, 5, 2), (0, -2, MAXV, 1), (1, -4, -1, 1), (0, MINV, MAXV, 2), (1, 4, 0, -1),
             (1, MAXV, MINV, -1), (0, -1, MINV, -2), (1, 5, 1, -3), (0, 3, 3, 1), (1, 4, 2, 1), (0, 100, 200, 1),
             (0, -100, 100, 1), (1, 2, MAXV, 10), (1, -100, MAXV, -1), (-1, 0, MAXV, 4), (-2, 1, -1, 2)]
    for axis, s, e, st in specs:
        sl = [slice(None)] * 2
        sl[axis] = slice(py_bound(s), py_bound(e), st)  # Python clamps out-of-range bounds as slice() does
        exp = x[tuple(sl)]
        nm = f"slice.f64.ax{axis}.{s}_{e}_{st}".replace("Integer.MAX_VALUE", "max").replace("Integer.MIN_VALUE", "min")
        case(nm, [x], [f"slice %0 {axis} {s} {e} {st}"], exp.copy(), EXACT)
    xi = np.arange(24, dtype=I32).reshape(2, 3, 4)
    case("slice.i32.chain", [xi], [f"slice %0 2 {MAXV} {MINV} -1",
                                   "slice %1 1 1 3 1", "slice %2 0 1 2 1"], xi[:, :, ::-1][:, 1:3][1:2].copy(), EXACT)
    case("slice.i32.of_transposed", [xi], ["transpose %0", "slice %1 0 1 4 2"], xi.T[1:4:2].copy(), EXACT)
    y = rnd((3,))
    case("slice.f64.then_add", [x, y], ["slice %0 1 0 6 2", "add %2 %1"], x[:, 0:6:2] + y, EXACT)


def gen_join():
    a, b, c = rnd((2, 3)), rnd((1, 3)), rnd((4, 3))
    case("concat.f64.axis0", [a, b, c], ["concat 0 %0 %1 %2"], np.concatenate([a, b, c], 0), EXACT)
    a2, b2 = rnd((2, 1)), rnd((2, 4))
    case("concat.f64.axis1", [a, a2, b2], ["concat 1 %0 %1 %2"], np.concatenate([a, a2, b2], 1), EXACT)
    case("concat.f64.axis-1", [a, b2], ["concat -1 %0 %1"], np.concatenate([a, b2], -1), EXACT)
    z = np.zeros((0, 3))
    case("concat.f64.empty_piece", [a, z, b], ["concat 0 %0 %1 %2"], np.concatenate([a, z, b], 0), EXACT)
    case("concat.f64.single", [a], ["concat 0 %0"], a.copy(), EXACT)
    case("concat.f32_f64", [a.astype(F32), b], ["concat 0 %0 %1"],
         np.concatenate([a.astype(F32).astype(F64), b], 0), EXACT)
    xi, yi = np.arange(24, dtype=I32).reshape(2, 3, 4), -np.arange(12, dtype=I32).reshape(2, 3, 2)
    case("concat.i32.axis2", [xi, yi], ["concat 2 %0 %1"], np.concatenate([xi, yi], 2), EXACT)
    p, q = rnd((3, 2)), rnd((2, 2))
    case("concat.f64.transposed", [p, q], ["transpose %0", "concat 1 %2 %1"], np.concatenate([p.T, q], 1), EXACT)
    u, w = rnd((3,)), rnd((2,))
    case("concat.f64.1d", [u, w], ["concat 0 %0 %1"], np.concatenate([u, w]), EXACT)
    s1, s2, s3 = rnd((2, 3)), rnd((2, 3)), rnd((2, 3))
    for ax in (0, 1, 2, -1, -3):
        case(f"stack.f64.axis{ax}", [s1, s2, s3], [f"stack {ax} %0 %1 %2"], np.stack([s1, s2, s3], ax), EXACT)
    case("stack.f64.scalars", [np.array(1.0), np.array(2.0)], ["stack 0 %0 %1"], np.array([1.0, 2.0]), EXACT)
    case("stack.i32.axis1", [xi[0], xi[1]], ["stack 1 %0 %1"], np.stack([xi[0], xi[1]], 1), EXACT)
    case("stack.f64.transposed", [s1, s2], ["transpose %0", "transpose %1", "stack 1 %2 %3"],
         np.stack([s1.T, s2.T], 1), EXACT)
    # pad
    x = rnd((2, 3))
    for w, val in ((((1, 0), (0, 2)), 0.0), (((0, 0), (0, 0)), 5.0), (((2, 1), (1, 1)), -1.5), (((0, 3), (2, 0)), NAN)):
        flat = " ".join(f"{p} {q}" for p, q in w)
        case(f"pad.f64.{'_'.join(f'{p}{q}' for p, q in w)}", [x], [f"pad %0 {fmt_value(val, 'f64')} {flat}"],
             np.pad(x, w, mode="constant", constant_values=val), BITS)
    case("pad.i32.3d", [xi], ["pad %0 7 0 1 1 0 2 2"], np.pad(xi, ((0, 1), (1, 0), (2, 2)), constant_values=7), BITS)
    case("pad.f32.1d", [x[0].astype(F32)], ["pad %0 0.25 2 3"],
         np.pad(x[0].astype(F32), (2, 3), constant_values=F32(0.25)), BITS)
    case("pad.f64.transposed", [x], ["transpose %0", "pad %1 -0.0 1 1 0 1"],
         np.pad(x.T, ((1, 1), (0, 1)), constant_values=-0.0), BITS)
    case("pad.f64.scalar", [np.array(4.0)], ["pad %0 1"], np.array(4.0), BITS)
    case("pad.f64.empty", [np.zeros((0, 2))], ["pad %0 3 1 1 0 0"], np.pad(np.zeros((0, 2)), ((1, 1), (0, 0)),
                                                                            constant_values=3.0), BITS)


def gen_gather():
    x = rnd((4, 5))
    idx = np.array([3, 0, 3], I32)
    case("gather.f64.axis0", [x, idx], ["gather %0 %1 0"], np.take(x, idx, axis=0), EXACT)
    idx2 = np.array([[4, 1], [0, 0]], I32)
    case("gather.f64.axis1.idx2d", [x, idx2], ["gather %0 %1 1"], np.take(x, idx2, axis=1), EXACT)
    case("gather.f64.axis-1", [x, idx], ["gather %0 %1 -1"], np.take(x, idx, axis=-1), EXACT)
    x3 = np.arange(24, dtype=I32).reshape(2, 3, 4)
    idx3 = np.array([[2, 0, 1], [1, 1, 2]], I32)
    case("gather.i32.3d.axis1", [x3, idx3], ["gather %0 %1 1"], np.take(x3, idx3, axis=1), EXACT)
    case("gather.f64.scalar_index", [x, np.array(2, I32)], ["gather %0 %1 0"], np.take(x, np.int32(2), axis=0), EXACT)
    case("gather.f64.empty_index", [x, np.zeros((0,), I32)], ["gather %0 %1 0"], np.take(x, np.zeros(0, I32), axis=0),
         EXACT)
    case("gather.f64.transposed", [x, idx], ["transpose %0", "gather %2 %1 1"], np.take(x.T, idx, axis=1), EXACT)
    case("gather.f32.1d", [x[0].astype(F32), idx2], ["gather %0 %1 0"], np.take(x[0].astype(F32), idx2), EXACT)
    # oneHot
    lab = np.array([0, 3, 1, 4], I32)
    case("oneHot.default", [lab], ["oneHot %0 5"], np.eye(5, dtype=F32)[lab], EXACT)
    lab2 = np.array([[1, 0, 2], [2, 2, 0]], I32)
    case("oneHot.f64.2d", [lab2], ["oneHot %0 3 f64"], np.eye(3)[lab2], EXACT)
    case("oneHot.i32.scalar", [np.array(1, I32)], ["oneHot %0 2 i32"], np.eye(2, dtype=I32)[1], EXACT)
    case("oneHot.depth1", [np.zeros(3, I32)], ["oneHot %0 1"], np.ones((3, 1), F32), EXACT)


def gen_softmax():
    big = np.array([[1000.0, 999.0, -1000.0, 0.0], [-1000.0, -1001.0, -999.5, -1000.0], [0.5, -INF, 2.0, -INF]])
    for dt in (F64, F32):
        x = rnd((2, 3, 4), dt)
        for axis in (0, 1, 2, -1):
            case(f"softmax.{dname(dt)}.2x3x4.axis{axis}", [x], [f"softmax %0 {axis}"],
                 in_dtype(lambda v: ref_softmax(v, axis), x, dt))
            case(f"logSoftmax.{dname(dt)}.2x3x4.axis{axis}", [x], [f"logSoftmax %0 {axis}"],
                 in_dtype(lambda v: ref_log_softmax(v, axis), x, dt))
            for keep in (False, True):
                case(f"logSumExp.{dname(dt)}.2x3x4.axis{axis}.{bool_s(keep)}", [x],
                     [f"logSumExp %0 {axis} {bool_s(keep)}"], in_dtype(lambda v: ref_logsumexp(v, axis, keep), x, dt))
        b = big.astype(dt)
        for axis in (0, 1):
            case(f"softmax.{dname(dt)}.large.axis{axis}", [b], [f"softmax %0 {axis}"],
                 in_dtype(lambda v: ref_softmax(v, axis), b, dt))
            case(f"logSoftmax.{dname(dt)}.large.axis{axis}", [b], [f"logSoftmax %0 {axis}"],
                 in_dtype(lambda v: ref_log_softmax(v, axis), b, dt))
            case(f"logSumExp.{dname(dt)}.large.axis{axis}", [b], [f"logSumExp %0 {axis} false"],
                 in_dtype(lambda v: ref_logsumexp(v, axis, False), b, dt))
        # rows that are all -Inf (result -Inf), hold +Inf (result +Inf) or NaN (result NaN), as scipy's logsumexp
        sp = np.array([[-INF, -INF, -INF], [INF, 1.0, 2.0], [NAN, 1.0, 2.0], [-INF, 0.0, -INF], [INF, INF, -INF]], dt)
        case(f"logSumExp.{dname(dt)}.nonfinite_rows", [sp], ["logSumExp %0 1 false"],
             in_dtype(lambda v: ref_logsumexp(v, 1, False), sp, dt))
        case(f"logSumExp.{dname(dt)}.nonfinite_rows.keep", [sp], ["logSumExp %0 -1 true"],
             in_dtype(lambda v: ref_logsumexp(v, 1, True), sp, dt))
    x = rnd((3, 4))
    case("softmax.f64.transposed", [x], ["transpose %0", "softmax %1 1"], ref_softmax(x.T, 1))
    case("logSoftmax.f64.stepped", [x], ["slice %0 1 Integer.MAX_VALUE Integer.MIN_VALUE -2", "logSoftmax %1 0"],
         ref_log_softmax(x[:, ::-2], 0))
    case("logSumExp.f64.transposed", [x], ["transpose %0", "logSumExp %1 0 true"], ref_logsumexp(x.T, 0, True))
    case("softmax.f64.1d", [x[0]], ["softmax %0 0"], ref_softmax(x[0], 0))
    case("softmax.f64.size1axis", [x[:1]], ["softmax %0 0"], np.ones((1, 4)))
    case("softmax.f64.empty", [np.zeros((0, 3))], ["softmax %0 1"], np.zeros((0, 3)), EXACT)
    case("logSumExp.f64.empty_axis", [np.zeros((2, 0))], ["logSumExp %0 1 false"], np.full(2, -INF), EXACT)
    case("logSumExp.f64.1d", [x[1]], ["logSumExp %0 0 false"], np.asarray(ref_logsumexp(x[1], 0, False)))


def gen_convert():
    v = np.array([0.1, -0.1, 1.9, -1.9, 2.5, -2.5, 1e-50, -1e-50, 1e39, -1e39, 3.4028235e38, 16777217.0, 0.0, -0.0,
                  INF, -INF, NAN, 123456.789])
    case("to.f64_f32", [v], ["to %0 f32"], v.astype(F32), BITS)
    v32 = np.array([0.1, -2.75, 3.4028235e38, 1e-45, INF, NAN], F32)
    case("to.f32_f64", [v32], ["to %0 f64"], v32.astype(F64), BITS)
    iv = np.array([0.0, -0.0, 0.9, -0.9, 1.5, -1.5, 2.9999, -2.9999, 2147483647.0, 2147483648.5, -2147483648.0,
                   -2147483649.5, 3e9, -3e9, 1e300, INF, -INF, NAN])
    case("to.f64_i32", [iv], ["to %0 i32"], java_to_int(iv), "exact Java cast: truncation, NaN -> 0, saturation")
    iv32 = np.array([0.5, -0.5, 7.99, -7.99, 1e10, -1e10, 2147483520.0, INF, -INF, NAN], F32)
    case("to.f32_i32", [iv32], ["to %0 i32"], java_to_int(iv32.astype(F64)),
         "exact Java cast: truncation, NaN -> 0, saturation")
    ints = np.array([0, 1, -1, 16777216, 16777217, 16777219, -16777217, INT_MAX, INT_MIN, 123456789], I32)
    case("to.i32_f32", [ints], ["to %0 f32"], ints.astype(F32), BITS)
    case("to.i32_f64", [ints], ["to %0 f64"], ints.astype(F64), BITS)
    case("to.i32_i32", [ints], ["to %0 i32"], ints.copy(), BITS)
    x = rnd((2, 3))
    case("to.f64_f64.transposed", [x], ["transpose %0", "to %1 f64"], x.T.copy(), BITS)
    case("to.f64_f32.stepped", [x], ["slice %0 1 Integer.MAX_VALUE Integer.MIN_VALUE -2", "to %1 f32"],
         x[:, ::-2].astype(F32), BITS)
    case("to.f64_i32.broadcast", [x[0] * 10], ["broadcastTo %0 2 3", "to %1 i32"],
         java_to_int(np.broadcast_to(x[0] * 10, (2, 3))), BITS)
    case("to.empty", [np.zeros((0, 2))], ["to %0 i32"], np.zeros((0, 2), I32), BITS)


def gen_creation():
    case("arange.5", [], ["arange 5"], np.arange(5, dtype=I32), EXACT)
    case("arange.0", [], ["arange 0"], np.arange(0, dtype=I32), EXACT)
    for dt, (s, e, st) in ((F64, (0.0, 1.0, 0.25)), (F64, (5.0, -1.0, -1.5)), (F64, (0.0, 1.0, 0.1)),
                           (F32, (0.5, 3.0, 0.5)), (F32, (-1.0, 1.0, 0.3)), (I32, (10.0, -3.0, -2.0)),
                           (I32, (-4.0, 4.0, 3.0)), (F64, (3.0, 1.0, 1.0)), (F64, (1.0, 1.0, 1.0))):
        n = max(0, math.ceil((e - s) / st))
        exp = np.array([s + i * st for i in range(n)], F64)
        exp = java_to_int(exp) if dt == I32 else exp.astype(dt)
        assert n == len(np.arange(s, e, st)), (s, e, st)
        np.testing.assert_allclose(exp.astype(F64), np.arange(s, e, st).astype(dt).astype(F64), rtol=1e-6)
        nm = f"arange_r.{dname(dt)}.{fmt_value(s, 'f64')}_{fmt_value(e, 'f64')}_{fmt_value(st, 'f64')}"
        case(nm, [], [f"arange_r {dname(dt)} {fmt_value(s, 'f64')} {fmt_value(e, 'f64')} {fmt_value(st, 'f64')}"],
             exp, None if dt != I32 else EXACT)
    for dt in (F32, F64, I32):
        for n in (0, 1, 4):
            case(f"eye.{dname(dt)}.{n}", [], [f"eye {dname(dt)} {n}"], np.eye(n, dtype=dt), EXACT)
    case("full.f32.2x3", [], ["full f32 2.5 2 3"], np.full((2, 3), 2.5, F32), BITS)
    case("full.f32.rounds", [], ["full f32 0.1 2"], np.full((2,), 0.1, F32), EXACT)
    case("full.f64.scalar", [], ["full f64 -7.25"], np.array(-7.25), EXACT)
    case("full.f64.nan", [], ["full f64 NaN 3"], np.full(3, NAN), EXACT)
    case("full.f64.neg_zero", [], ["full f64 -0.0 2"], np.full(2, -0.0), BITS)
    case("full.f64.empty", [], ["full f64 3 0 4"], np.full((0, 4), 3.0), EXACT)
    case("full.i32.truncates", [], ["full i32 -2.7 4"], np.full(4, java_f2i(-2.7), I32),
         "exact value converted as Java's cast (truncation toward zero)")
    case("full.i32.nan", [], ["full i32 NaN 2"], np.zeros(2, I32), "exact value converted as Java's cast (NaN -> 0)")
    case("zeros.f32.2x2", [], ["zeros f32 2 2"], np.zeros((2, 2), F32), EXACT)
    case("zeros.i32.scalar", [], ["zeros i32"], np.zeros((), I32), EXACT)
    case("ones.f64.3", [], ["ones f64 3"], np.ones(3), EXACT)
    case("ones.i32.2x0", [], ["ones i32 2 0"], np.ones((2, 0), I32), EXACT)
    case("scalar.f64", [], ["scalar 3.25"], np.array(3.25), EXACT)
    case("scalar_d.f32", [], ["scalar_d f32 0.1"], np.array(0.1, F32), EXACT)
    case("scalar_d.i32", [], ["scalar_d i32 9.9"], np.array(9, I32), "exact Java cast (truncation)")


def gen_composite():
    # chains that mix views and ops, checked against numpy's equivalent expression
    x, y = rnd((3, 4)), rnd((4, 3))
    case("chain.f64.add_transposed_then_sum", [x, y], ["transpose %1", "add %0 %2", "sum %3 0 false"],
         np.sum(x + y.T, axis=0))
    case("chain.f64.softmax_of_matmul", [x, y], ["matmul %0 %1", "softmax %2 -1"], ref_softmax(x @ y, -1))
    z = rnd((2, 3, 4))
    case("chain.f64.std_of_permuted", [z], ["permute %0 1 2 0", "var %1 -1 true", "sqrt %2"],
         np.sqrt(np.var(z.transpose(1, 2, 0), axis=-1, keepdims=True)))
    case("chain.f64.sub_broadcast_mean", [z], ["mean %0 1 true", "sub %0 %1"], z - z.mean(axis=1, keepdims=True))
    case("chain.i32.gather_then_compare", [np.arange(10, dtype=I32) * 3 - 7, np.array([[9, 0], [4, 4]], I32)],
         ["gather %0 %1 0", "gt %2 0"], (np.take(np.arange(10, dtype=I32) * 3 - 7, [[9, 0], [4, 4]]) > 0).astype(I32),
         EXACT)


def gen_large():
    """Inputs big enough for the backend's parallel, tiled and vectorised paths (StridedLoop's grain is
    16384 elements, its transpose tiles 16x128). The inputs are made in the test (see Gen); the outputs
    are reduced or sampled with slices to keep the file small."""
    def last(ops):
        return f"%{len(ops) - 1}"

    # broadcast add of a transposed (331, 317) view and a row, then column sums (integers: exact)
    ops, a = Gen(1, 1001, F64).build([], (317, 331))
    ra = last(ops)
    ops, b = Gen(2, 1001, F64).build(ops, (317,))
    rb = last(ops)
    ops += [f"transpose {ra}", f"add %{len(ops)} {rb}"]
    case("large.add_transposed_row.sum0", [], ops + [f"sum {last(ops)} 0 false"], np.sum(a.T + b, axis=0), EXACT)
    case("large.add_transposed_row.max1", [], ops + [f"max {last(ops)} 1 true"],
         np.max(a.T + b, axis=1, keepdims=True), EXACT)
    # exp of a transposed float32 view, sampled
    ops, x = Gen(3, 2001, F32, 0.005).build([], (200, 500))
    ops += [f"transpose {last(ops)}"]
    ops += [f"exp {last(ops)}"]
    ops += [f"slice {last(ops)} 0 3 Integer.MAX_VALUE 41"]
    ops += [f"slice {last(ops)} 1 Integer.MAX_VALUE Integer.MIN_VALUE -37"]
    case("large.exp_f32_transposed.sampled", [], ops, in_dtype(np.exp, x.T, F32)[3::41, ::-37])
    # sigmoid and tanh of a float64 broadcast view, sampled
    ops, x = Gen(4, 4001, F64, 0.01).build([], (1, 40000))
    ops += [f"broadcastTo {last(ops)} 2 40000"]
    ops += [f"sigmoid {last(ops)}"]
    ops += [f"slice {last(ops)} 1 7 Integer.MAX_VALUE 997"]
    case("large.sigmoid_broadcast.sampled", [], ops, ref_sigmoid(np.broadcast_to(x, (2, 40000)))[:, 7::997])
    # INT32 floor division by a broadcast row of divisors (including 0), sampled and summed
    ops, a = Gen(5, 20001, I32).build([], (10000, 7))
    d = np.array([-3, -2, -1, 0, 1, 2, 3], I32)
    ops = [renumber(o, 1) for o in ops]  # the divisor literal is %0
    ra = f"%{len(ops)}"
    ops += [f"div {ra} %0"]
    q = int_binary_expected("div", a, d)
    case("large.div_i32_broadcast.sampled", [d], ops + [f"slice %{len(ops)} 0 0 Integer.MAX_VALUE 1234"], q[::1234],
         EXACT)
    case("large.div_i32_broadcast.sum0", [d], ops + [f"sum %{len(ops)} 0 false"], np.sum(q, axis=0, dtype=I32),
         EXACT)
    # leakyRelu (compare, multiply, where) on a large tensor, row sums (multiples of 0.5: exact)
    ops, x = Gen(6, 1001, F64).build([], (300, 400))
    ops += [f"leakyRelu {last(ops)} 0.5"]
    case("large.leakyRelu.sum1", [], ops + [f"sum {last(ops)} 1 false"], np.sum(np.where(x > 0, x, x * 0.5), axis=1),
         EXACT)
    # softmax / logSumExp along either axis of (300, 257)
    ops, x = Gen(7, 2001, F64, 0.01).build([], (128, 257))
    rx = last(ops)
    case("large.softmax1.col5", [], ops + [f"softmax {rx} 1", f"slice %{len(ops)} 1 5 6 1"], ref_softmax(x, 1)[:, 5:6])
    case("large.softmax0.row7", [], ops + [f"softmax {rx} 0", f"slice %{len(ops)} 0 7 8 1",
                                           f"slice %{len(ops) + 1} 1 0 Integer.MAX_VALUE 3"], ref_softmax(x, 0)[7:8, ::3])
    case("large.logSumExp0", [], ops + [f"logSumExp {rx} 0 false", f"slice %{len(ops)} 0 1 Integer.MAX_VALUE 2"],
         ref_logsumexp(x, 0, False)[1::2])
    case("large.logSoftmax1.col250", [], ops + [f"logSoftmax {rx} 1", f"slice %{len(ops)} 1 250 251 1"],
         ref_log_softmax(x, 1)[:, 250:251])
    # reductions of a tall INT32 / FLOAT64 matrix
    ops, x = Gen(8, 100001, I32).build([], (600, 50))
    rx = last(ops)
    case("large.sum0.i32", [], ops + [f"sum {rx} 0 false"], np.sum(x, axis=0, dtype=I32), EXACT)
    case("large.max0.i32", [], ops + [f"max {rx} 0 false"], np.max(x, axis=0), EXACT)
    case("large.argmax0.i32", [], ops + [f"argmax {rx} 0"], np.argmax(x, axis=0).astype(I32), EXACT)
    case("large.argmin1.i32.transposed", [], ops + [f"transpose {rx}", f"argmin %{len(ops)} 1"],
         np.argmin(x.T, axis=1).astype(I32), EXACT)
    case("large.mean0.i32", [], ops + [f"mean {rx} 0 false"], np.mean(x.astype(F64), axis=0))
    case("large.var.i32", [], ops + [f"var {rx}"], np.asarray(np.var(x.astype(F64))))
    ops, x = Gen(9, 2001, F64, 0.001).build([], (600, 50))
    case("large.std0.f64", [], ops + [f"std {last(ops)} 0 true"], np.std(x, axis=0, keepdims=True))
    case("large.min.f64", [], ops + [f"min {last(ops)}"], np.asarray(np.min(x)), EXACT)
    # conversion of a transposed view, sampled
    ops, x = Gen(10, 200001, F64, 0.001).build([], (400, 300))
    ops += [f"transpose {last(ops)}"]
    ops += [f"to {last(ops)} f32"]
    case("large.to_f32_transposed.sampled", [], ops + [f"slice {last(ops)} 1 0 Integer.MAX_VALUE 29",
                                                       f"slice %{len(ops)} 0 0 Integer.MAX_VALUE 31"],
         x.T.astype(F32)[::31, ::29], EXACT)
    # gather of many rows from a large table, row sums
    ops, x = Gen(11, 1001, F64).build([], (1000, 20))
    idx = np.random.randint(0, 1000, size=(5, 10)).astype(I32)
    ops = [renumber(o, 1) for o in ops]
    case("large.gather.sum2", [idx], ops + [f"gather %{len(ops)} %0 0", f"sum %{len(ops) + 1} 2 false"],
         np.sum(np.take(x, idx, axis=0), axis=2), EXACT)
    # concat of two transposed blocks, column sums
    ops, a = Gen(12, 1001, F64).build([], (200, 130))
    r1 = last(ops)
    ops, b = Gen(13, 1001, F64).build(ops, (200, 70))
    r2 = last(ops)
    ops += [f"transpose {r1}", f"transpose {r2}"]
    ops += [f"concat 0 %{len(ops) - 2} %{len(ops) - 1}"]
    case("large.concat_transposed.sum1", [], ops + [f"sum {last(ops)} 1 false"],
         np.sum(np.concatenate([a.T, b.T], 0), axis=1), EXACT)
    # matmul with a transposed (strided) operand, sampled rows
    ops, a = Gen(14, 17, F32).build([], (129, 65))
    r1 = last(ops)
    ops, b = Gen(15, 17, F32).build(ops, (129, 33))
    r2 = last(ops)
    ops += [f"transpose {r1}"]
    ops += [f"matmul {last(ops)} {r2}"]
    ops += [f"slice {last(ops)} 0 1 Integer.MAX_VALUE 8"]
    case("large.matmul_f32_transposed.sampled", [], ops,
         (a.T.astype(F64) @ b.astype(F64)).astype(F32)[1::8], EXACT)


def renumber(op_line, shift):
    """Shifts every %k register of an op line by `shift` (for ops generated before literal inputs)."""
    return " ".join(f"%{int(t[1:]) + shift}" if t.startswith("%") else t for t in op_line.split(" "))


def main():
    warnings.simplefilter("ignore", RuntimeWarning)  # NaN/Inf/empty inputs are intended
    np.seterr(all="ignore")
    np.random.seed(SEED)
    gen_binary()
    gen_int_binary()
    gen_unary()
    gen_activation_params()
    gen_where()
    gen_reductions()
    gen_matmul()
    gen_views()
    gen_slice()
    gen_join()
    gen_gather()
    gen_softmax()
    gen_convert()
    gen_creation()
    gen_composite()
    gen_large()
    header = [
        "# numpy golden cases for org.jdeep.Tensor, read by org.jdeep.golden.TensorGoldenTest;",
        "# generated by tools/gen_tensor_golden.py (see it for the format and tolerances). Do not edit by hand.",
        f"numpy {np.__version__}",
    ]
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(header) + "\n" + "\n".join(CASES) + "\n")
    print(f"{len(CASES)} cases, {os.path.getsize(OUT)} bytes -> {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
