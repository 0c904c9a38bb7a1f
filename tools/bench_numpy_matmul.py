#!/usr/bin/env python3
"""Measures numpy's matmul GFLOP/s for the shapes of jdeep's MatmulBenchmark, the baseline in docs/performance.md.

    python3 tools/bench_numpy_matmul.py                         # numpy alone, 1 and 2 BLAS threads
    python3 tools/bench_numpy_matmul.py --jmh jmh.csv           # plus jdeep's JMH results, and the ratio
    python3 tools/bench_numpy_matmul.py --threads 1 --save n1.json  # measure, keep the raw figures
    python3 tools/bench_numpy_matmul.py --load n*.json --jmh j*.csv # table of the best of saved runs

tools/bench_matmul_compare.sh alternates this with the JMH benchmark for a few rounds and prints the table.

Each thread count runs in its own subprocess, because OpenBLAS (and MKL, OpenMP) read their thread count
from the environment once, when numpy is first imported: the variables are set before the import there.
Each figure is the best of --repeats timings of a loop of ``np.matmul(a, b, out=c)`` lasting at least
--seconds (the output is preallocated, as jdeep's benchmark writes into an allocated buffer), so it is the
steady-state speed with warm caches; on a shared machine take the best of several runs.

The JMH results are what ``java -jar benchmarks/target/benchmarks.jar '\\.MatmulBenchmark\\.' -rf json -rff jmh.json``
writes (or ``-rf csv``): scores in products per second per (shape, dtype, threads).
"""
import argparse
import csv
import json
import os
import subprocess
import sys

SHAPES = ["128x128x128", "256x256x256", "512x512x512", "1024x1024x1024", "20x12288x209"]
DTYPES = ["FLOAT32", "FLOAT64"]


def parse(shape):
    m, k, n = (int(x) for x in shape.split("x"))
    return m, k, n


def worker(seconds, repeats, shapes, dtypes):
    """Runs inside the subprocess, after the thread variables are set; prints one JSON line per result."""
    import time

    import numpy as np

    rng = np.random.default_rng(0)
    for dtype in dtypes:
        npt = np.float32 if dtype == "FLOAT32" else np.float64
        for shape in shapes:
            m, k, n = parse(shape)
            a = (rng.random((m, k)) * 2 - 1).astype(npt)
            b = (rng.random((k, n)) * 2 - 1).astype(npt)
            c = np.empty((m, n), dtype=npt)
            np.matmul(a, b, out=c)
            best = float("inf")
            for _ in range(repeats):
                calls = 0
                start = time.perf_counter()
                while True:
                    np.matmul(a, b, out=c)
                    calls += 1
                    elapsed = time.perf_counter() - start
                    if elapsed >= seconds:
                        break
                best = min(best, elapsed / calls)
            print(json.dumps({"shape": shape, "dtype": dtype, "gflops": 2.0 * m * k * n / best / 1e9}), flush=True)


def measure(threads, seconds, repeats, shapes, dtypes):
    env = dict(os.environ)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
        env[var] = str(threads)
    out = subprocess.run(
        [sys.executable, __file__, "--worker", "--seconds", str(seconds), "--repeats", str(repeats),
         "--shapes", ",".join(shapes), "--dtypes", ",".join(dtypes)],
        env=env, check=True, capture_output=True, text=True).stdout
    results = {}
    for line in out.splitlines():
        r = json.loads(line)
        results[(r["shape"], r["dtype"], threads)] = r["gflops"]
    return results


def read_jmh(path):
    """{(shape, dtype, threads): GFLOP/s} from JMH results of MatmulBenchmark, CSV or JSON (-rf csv|json).

    From JSON (which has every iteration) the figure is the best measurement iteration, the counterpart of
    numpy's best timing; a CSV holds only the mean of the iterations.
    """
    results = {}

    def add(shape, dtype, threads, ops_per_s):
        m, k, n = parse(shape)
        key = (shape, dtype, int(threads))
        results[key] = max(results.get(key, 0.0), ops_per_s * 2.0 * m * k * n / 1e9)

    if path.endswith(".json"):
        with open(path) as f:
            for run in json.load(f):
                if not run["benchmark"].endswith(".MatmulBenchmark.matmul"):
                    continue
                metric = run["primaryMetric"]
                if metric["scoreUnit"] != "ops/s":
                    raise SystemExit(f"{path}: expected ops/s, got {metric['scoreUnit']}")
                best = max(x for fork in metric["rawData"] for x in fork)
                p = run["params"]
                add(p["shape"], p["dtype"], p["threads"], best)
        return results
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if not row["Benchmark"].endswith(".MatmulBenchmark.matmul"):
                continue
            if row["Unit"] != "ops/s":
                raise SystemExit(f"{path}: expected ops/s, got {row['Unit']}")
            add(row["Param: shape"], row["Param: dtype"], row["Param: threads"], float(row["Score"]))
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", default="1,2", help="comma-separated BLAS thread counts (default 1,2)")
    ap.add_argument("--seconds", type=float, default=0.3, help="minimum length of one timing (default 0.3)")
    ap.add_argument("--repeats", type=int, default=7, help="timings per shape; the best is kept (default 7)")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated MxKxN shapes")
    ap.add_argument("--dtypes", default=",".join(DTYPES), help="FLOAT32,FLOAT64 or one of them")
    ap.add_argument("--jmh", nargs="*", default=[],
                    help="JMH results (CSV or JSON) of MatmulBenchmark to compare against")
    ap.add_argument("--save", help="also write the numpy figures to this JSON file")
    ap.add_argument("--load", nargs="*", default=[],
                    help="use these saved numpy figures (the best of them) instead of measuring")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    shapes = args.shapes.split(",")
    dtypes = args.dtypes.split(",")
    if args.worker:
        worker(args.seconds, args.repeats, shapes, dtypes)
        return

    import numpy as np

    print(f"numpy {np.__version__}", file=sys.stderr)
    numpy_results = {}
    if args.load:
        for path in args.load:
            with open(path) as f:
                for r in json.load(f):
                    key = (r["shape"], r["dtype"], r["threads"])
                    numpy_results[key] = max(numpy_results.get(key, 0.0), r["gflops"])
        shapes = [x for x in shapes if any(k[0] == x for k in numpy_results)]
    else:
        for t in (int(x) for x in args.threads.split(",")):
            numpy_results.update(measure(t, args.seconds, args.repeats, shapes, dtypes))
    if args.save:
        with open(args.save, "w") as f:
            json.dump([{"shape": k[0], "dtype": k[1], "threads": k[2], "gflops": g}
                       for k, g in numpy_results.items()], f, indent=1)
    jdeep = {}
    for path in args.jmh:
        for key, g in read_jmh(path).items():
            jdeep[key] = max(jdeep.get(key, 0.0), g)

    if jdeep:
        print("| shape (m x k x n) | dtype | threads | jdeep GFLOP/s | numpy GFLOP/s | jdeep / numpy |")
        print("|---|---|---:|---:|---:|---:|")
    else:
        print("| shape (m x k x n) | dtype | threads | numpy GFLOP/s |")
        print("|---|---|---:|---:|")
    for dtype in dtypes:
        for t in sorted({k[2] for k in numpy_results}):
            for shape in shapes:
                g = numpy_results.get((shape, dtype, t))
                if g is None:
                    continue
                if jdeep:
                    j = jdeep.get((shape, dtype, t))
                    js = f"{j:.1f}" if j is not None else "-"
                    ratio = f"{j / g:.0%}" if j is not None else "-"
                    print(f"| {shape} | {dtype} | {t} | {js} | {g:.1f} | {ratio} |")
                else:
                    print(f"| {shape} | {dtype} | {t} | {g:.1f} |")


if __name__ == "__main__":
    main()
