#!/usr/bin/env python3
"""numpy's side of DeepNetMatmulBenchmark: the L-layer network's two big products in the notebook's layout
(X stored (12288, 209), examples in columns): forward W1 @ X and backward dZ1 @ X.T, each alone (best of 5
rounds) and alternating on one X as a training step runs them. FLOAT64, random operands. With --jdeep-layout,
X is stored as jdeep's DeepNet holds it, (209, 12288) with examples in rows, and the products are W1 @ X.T and
dZ1 @ X: the very operands DeepNetMatmulBenchmark multiplies.

    [OPENBLAS_NUM_THREADS=1] python3 tools/bench_numpy_deepnet_matmul.py [calls] [--jdeep-layout]
"""
import sys
import time

import numpy as np

args = [a for a in sys.argv[1:] if not a.startswith("--")]
jdeep_layout = "--jdeep-layout" in sys.argv[1:]
calls = int(args[0]) if args else 200
rng = np.random.RandomState(0)
W = rng.rand(20, 12288)
dZ = rng.rand(20, 209)
if jdeep_layout:
    X = rng.rand(209, 12288)
    products = [("forward W1 @ X.T", lambda: W @ X.T), ("backward dZ1 @ X", lambda: dZ @ X)]
else:
    X = rng.rand(12288, 209)
    products = [("forward W1 @ X", lambda: W @ X), ("backward dZ1 @ X.T", lambda: dZ @ X.T)]
print("X stored", X.shape)
flop = 2 * 20 * 209 * 12288
for name, f in products:
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(calls):
            f()
        best = min(best, (time.perf_counter() - t) / calls)
    print(f"{name}: {best * 1e3:.3f} ms per product, {flop / best / 1e9:.1f} GFLOP/s")
tf = tb = 0.0
forward, backward = products[0][1], products[1][1]
for i in range(2 * calls):
    t0 = time.perf_counter()
    forward()
    t1 = time.perf_counter()
    backward()
    t2 = time.perf_counter()
    if i >= calls:
        tf += t1 - t0
        tb += t2 - t1
print(f"alternating on one input: forward {tf / calls * 1e3:.3f} ms, backward {tb / calls * 1e3:.3f} ms")
