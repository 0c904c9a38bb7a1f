#!/usr/bin/env bash
# Compares jdeep's CPU matmul with numpy in one sitting: for every (shape, dtype, threads) it measures numpy
# (OPENBLAS_NUM_THREADS = threads) and then jdeep (jdeep.cpu.threads = threads) back to back, for ROUNDS
# rounds, and prints docs/performance.md's table from the best figure of each side (numpy: best timing;
# jdeep: best 1 s JMH iteration). On a shared machine the best steady-state figure is the meaningful one;
# the per-round files in benchmarks/target/matmul-compare show the spread.
#
#   mvn -B -q -pl backend-cpu,benchmarks -am install -DskipTests
#   tools/bench_matmul_compare.sh [ROUNDS [SHAPES [DTYPES [THREADS]]]]
#   e.g. tools/bench_matmul_compare.sh 2 256x256x256,20x12288x209 FLOAT32 1
#
# Set QUIET_CMD to a command that blocks until the machine is idle to start each pair only then.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
shapes=${2:-128x128x128,256x256x256,512x512x512,1024x1024x1024,20x12288x209}
dtypes=${3:-FLOAT32,FLOAT64}
threads=${4:-1,2}
out=benchmarks/target/matmul-compare
mkdir -p "$out"
rm -f "$out"/*.json "$out"/*.log
for r in $(seq 1 "$rounds"); do
  for t in ${threads//,/ }; do
    for dt in ${dtypes//,/ }; do
      for s in ${shapes//,/ }; do
        tag="$r-$t-$dt-$s"
        echo "round $r: $s $dt, $t thread(s)" >&2
        ${QUIET_CMD:-true} >&2
        python3 tools/bench_numpy_matmul.py --threads "$t" --shapes "$s" --dtypes "$dt" \
          --save "$out/numpy-$tag.json" > /dev/null
        java -jar benchmarks/target/benchmarks.jar '\.MatmulBenchmark\.' -p shape="$s" -p dtype="$dt" \
          -p threads="$t" -f 1 -wi 5 -i 5 -w 1s -r 1s -rf json -rff "$out/jmh-$tag.json" > "$out/jmh-$tag.log"
      done
    done
  done
done
python3 tools/bench_numpy_matmul.py --load "$out"/numpy-*.json --jmh "$out"/jmh-*.json --shapes "$shapes" \
  --dtypes "$dtypes"
