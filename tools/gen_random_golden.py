#!/usr/bin/env python3
"""Writes the golden values for org.jdeep.random.RandomState from numpy's legacy RandomState.

    python3 tools/gen_random_golden.py            # writes api/src/test/resources/org/jdeep/random/golden.txt

Format (one record a line, UTF-8, '#' lines are comments): ``op|args|values``, fields separated by
``|``, args and values by single spaces. Shapes are written ``3x4`` (``-`` for numpy's scalar ``()``).
Every line after ``new SEED`` applies to the same generator, in file order, exactly as the call sequence
below ran on one ``np.random.RandomState``:

    numpy|VERSION|                     numpy version that produced the file
    new|SEED|                          RandomState(SEED)
    bad_seed|SEED|                     RandomState(SEED) must raise (numpy: ValueError)
    seed|SEED|                         rs.seed(SEED) on the current generator (drops the cached normal)
    state|K|pos k0 .. k(K-1)           get_state(): position and the first K key words (unsigned)
    rand|SHAPE|v..                     rand(*shape), flattened in C order
    randn|SHAPE|v..                    randn(*shape)
    rand_tail|N K|v..                  the last K of rand(N)
    randn_tail|N K|v..                 the last K of randn(N)
    uniform|LOW HIGH SHAPE|v..         uniform(low, high, shape)
    normal|MEAN STD SHAPE|v..          normal(mean, std, shape)
    randint|LOW HIGH SHAPE|v..         randint(low, high, shape) (default int64 dtype)
    permutation|N|v..                  permutation(N)
    shuffle|a0 a1 ..|v..               shuffle(np.array([a0, a1, ..], int32)); values = the shuffled array
    binomial|N P SHAPE|v..             binomial(n, p, shape)
    choice|N SIZE REPLACE P|v..        choice(N, SIZE, replace=REPLACE, p=P); P is p0,p1,.. or 'none'

Doubles are written with repr(), the shortest string that round-trips (Double.parseDouble reads the exact
value back). Uniform, integer, permutation, shuffle, binomial and choice values are compared exactly by
the test, normals within a few ulp (numpy's normals use the C library's log).
"""

import os
import sys

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                   "api", "src", "test", "resources", "org", "jdeep", "random", "golden.txt")


def shape_str(shape):
    return "x".join(str(d) for d in shape) if shape else "-"


def fmt(values):
    return " ".join(repr(float(v)) if isinstance(v, (float, np.floating)) else str(int(v))
                    for v in np.asarray(values).ravel().tolist())


class Writer:
    def __init__(self):
        self.lines = []
        self.rs = None

    def emit(self, op, args, values=""):
        self.lines.append(f"{op}|{args}|{values}")

    def comment(self, text):
        self.lines.append("# " + text)

    def new(self, seed):
        self.rs = np.random.RandomState(seed)
        self.emit("new", str(seed))

    def bad_seed(self, seed):
        try:
            np.random.RandomState(seed)
        except ValueError:
            self.emit("bad_seed", str(seed))
            return
        raise SystemExit(f"numpy accepted seed {seed}; update the generator and the Java seeding")

    def seed(self, seed):
        self.rs.seed(seed)
        self.emit("seed", str(seed))

    def state(self, k):
        _, key, pos, _, _ = self.rs.get_state()
        self.emit("state", str(k), fmt([pos] + key[:k].tolist()))

    def rand(self, *shape):
        self.emit("rand", shape_str(shape), fmt(self.rs.rand(*shape)))

    def randn(self, *shape):
        self.emit("randn", shape_str(shape), fmt(self.rs.randn(*shape)))

    def rand_tail(self, n, k):
        self.emit("rand_tail", f"{n} {k}", fmt(self.rs.rand(n)[-k:]))

    def randn_tail(self, n, k):
        self.emit("randn_tail", f"{n} {k}", fmt(self.rs.randn(n)[-k:]))

    def uniform(self, low, high, *shape):
        self.emit("uniform", f"{low!r} {high!r} {shape_str(shape)}",
                  fmt(self.rs.uniform(low, high, shape)))

    def normal(self, mean, std, *shape):
        self.emit("normal", f"{mean!r} {std!r} {shape_str(shape)}", fmt(self.rs.normal(mean, std, shape)))

    def randint(self, low, high, *shape):
        v = self.rs.randint(low, high, shape)
        assert v.dtype == np.int64
        self.emit("randint", f"{low} {high} {shape_str(shape)}", fmt(v))

    def permutation(self, n):
        self.emit("permutation", str(n), fmt(self.rs.permutation(n)))

    def shuffle(self, values):
        a = np.array(values, dtype=np.int32)
        self.rs.shuffle(a)
        self.emit("shuffle", fmt(values), fmt(a))

    def binomial(self, n, p, *shape):
        self.emit("binomial", f"{n} {p!r} {shape_str(shape)}", fmt(self.rs.binomial(n, p, shape)))

    def choice(self, n, size, replace, p=None):
        v = self.rs.choice(n, size, replace=replace, p=p)
        ps = "none" if p is None else ",".join(repr(float(x)) for x in p)
        self.emit("choice", f"{n} {size} {'true' if replace else 'false'} {ps}", fmt(v))


def softmax_like(n, seed):
    """A fixed probability vector (like the character model's softmax output), from its own generator."""
    z = np.random.RandomState(seed).randn(n) * 2.0
    e = np.exp(z - z.max())
    return (e / e.sum()).tolist()


def sequence(w, seed):
    """The call sequence run for every seed."""
    w.new(seed)
    w.state(4)
    w.rand(3, 4)
    w.randn(5)
    w.randint(0, 10, 7)
    w.permutation(10)
    w.shuffle([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5])
    w.uniform(-2.5, 4.0, 2, 3)
    w.normal(1.5, 0.2, 6)
    w.binomial(1, 0.8, 4, 5)          # dropout-style Bernoulli mask
    w.binomial(10, 0.3, 10)           # inversion
    w.binomial(50, 0.5, 12)           # n p = 25 <= 30: still inversion in numpy
    w.binomial(100, 0.5, 12)          # BTPE
    w.binomial(1000, 0.3, 12)         # BTPE, Step52 likely
    w.binomial(200, 0.7, 12)          # BTPE on q = 1 - p, result n - y
    w.binomial(20, 0.9, 12)           # inversion on q, result n - x
    w.binomial(0, 0.5, 3)             # legacy: no early return, one double each
    w.binomial(5, 0.0, 3)
    w.binomial(5, 1.0, 3)
    w.randn(3)                        # after an odd count of normals above: starts with the cached one
    w.rand()
    w.randn()
    w.randint(-2147483648, 2147483647, 5)   # range 2^32 - 1, mask 0xffffffff
    w.randint(5, 6, 4)                # one-value range: no draw
    w.randint(-7, 9, 6)               # power-of-two range
    w.randint(0, 10000 - 5000, 3)     # trigger-word style
    w.choice(5, 8, True, [0.1, 0.2, 0.3, 0.15, 0.25])
    w.choice(5, 8, True)
    w.choice(10, 4, False)
    w.choice(5, 3, False, [0.1, 0.2, 0.3, 0.15, 0.25])
    w.choice(27, 1, True, softmax_like(27, 99))
    w.choice(6, 4, False, [0.0, 0.5, 0.2, 0.0, 0.2, 0.1])
    w.randn(1)
    w.seed(seed)                      # re-seeding discards the cached normal
    w.randn(2)


def main():
    w = Writer()
    w.comment("numpy legacy RandomState golden values for org.jdeep.random.RandomStateTest;")
    w.comment("generated by tools/gen_random_golden.py (see it for the format). Do not edit by hand.")
    w.emit("numpy", np.__version__)
    w.bad_seed(2 ** 32)
    w.bad_seed(2 ** 40)
    w.bad_seed(-1)
    for seed in (0, 1, 2, 3, 42, 2 ** 32 - 1):
        sequence(w, seed)

    w.comment("the course's streams: seed(1) randn(12288, 148) crosses many twists")
    w.new(1)
    w.randn(5)
    w.rand(3)
    w.permutation(10)
    w.randn(2)
    w.new(1)
    w.randn_tail(12288 * 148, 5)
    w.randn(148)
    w.rand_tail(100000, 3)
    w.new(3)
    w.randn(1)
    w.seed(3)
    w.randn(3)

    w.comment("permutations that exercise the rejection loop")
    for seed in (0, 11, 12):
        w.new(seed)
        for n in (1, 2, 7, 148):
            w.permutation(n)
    w.new(11)
    w.permutation(1000)

    w.comment("binomial regimes, larger samples")
    w.new(7)
    w.binomial(10000, 0.4, 1500)      # BTPE, Step52 squeeze and the final Stirling test
    w.binomial(100, 0.35, 600)        # BTPE with small nrq (Step50 products)
    w.binomial(60, 0.6, 600)          # BTPE on q
    w.binomial(29, 0.999, 300)        # inversion on q with tiny q
    w.binomial(1, 0.5, 300)
    w.binomial(3, 0.5, 300)
    w.binomial(300, 0.1, 300)         # n p = 30: inversion
    w.binomial(2147483647, 0.5, 20)   # largest int n
    w.new(5)
    w.randint(0, 10, 20)
    w.uniform(3.0, 1.0, 5)            # low > high is allowed
    w.normal(0.0, 0.2, 9)
    w.normal(-1.0, 0.0, 3)

    w.comment("choice without replacement with p, several rounds")
    w.new(2024)
    for _ in range(4):
        w.choice(27, 20, False, softmax_like(27, 5))
    w.choice(30, 30, False, softmax_like(30, 6))
    w.choice(27, 50, True, softmax_like(27, 7))

    text = "\n".join(w.lines) + "\n"
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {os.path.normpath(OUT)}: {len(w.lines)} lines, {len(text)} bytes, numpy {np.__version__}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
