#!/usr/bin/env bash
# The CUDA backend's checks on a GPU machine that has no JDK, no Maven and no network: a jlinked Java runtime
# plus the jars, built here and carried there (backend-cuda/target/gpu-bundle, under 64 MiB).
#
#   tools/gpu_check.sh bundle   # on a development machine: build backend-cuda, jlink a runtime, assemble the bundle
#   tools/gpu_check.sh run      # on the GPU machine, in the repository root with the bundle carried over
#
# "run" writes its reports to $OUT (or backend-cuda/target/gpu-check): nvidia-smi.txt, probe.txt (what
# `backends` would print for cuda), cuda-check.txt (every primitive in every dtype against the CPU backend, a
# table, then matmul GFLOP/s and bandwidth; see CudaCheck), junit.txt (the backend's JUnit tests, with the GPU
# ones no longer skipped). It exits non-zero if any of them failed.
#
# Environment for "bundle": JLINK_JDK, the JDK whose jlink and modules make the runtime (default: Temurin 25
# if installed, whose binaries need only glibc 2.17 and bundle zlib, else the java on PATH; Debian's JDK 17
# needs glibc 2.34 and libz.so.1 on the GPU machine).
set -euo pipefail
cd "$(dirname "$0")/.."

BUNDLE=backend-cuda/target/gpu-bundle
JCUDA_VERSION=12.6.0
JUNIT_CONSOLE_VERSION=1.14.1
M2=${M2_REPO:-$HOME/.m2/repository}

bundle() {
  local jdk=${JLINK_JDK:-}
  if [ -z "$jdk" ]; then
    if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/jlink ]; then
      jdk=/usr/lib/jvm/temurin-25-jdk-amd64
    else
      jdk=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    fi
  fi
  echo "jlink from $jdk" >&2
  mvn -B -q -o -pl backend-cuda package -DskipTests
  rm -rf "$BUNDLE"
  mkdir -p "$BUNDLE/lib"
  mvn -B -q -o -pl backend-cuda dependency:copy-dependencies -DincludeScope=test \
    -DincludeArtifactIds=jdeep-spi,jdeep-backend-cpu,jcuda -DoutputDirectory="$(pwd)/$BUNDLE/lib"
  cp backend-cuda/target/jdeep-backend-cuda-*.jar "$BUNDLE/lib/"
  "$jdk/bin/jar" --create --file "$BUNDLE/lib/jdeep-backend-cuda-tests.jar" -C backend-cuda/target/test-classes .
  # JCuda's natives jar is 9.5 MB, mostly the NVRTC/PTX-compiler bindings jdeep never loads: keep the driver one.
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && "$jdk/bin/jar" --extract \
    --file "$M2/org/jcuda/jcuda-natives/$JCUDA_VERSION/jcuda-natives-$JCUDA_VERSION-linux-x86_64.jar" \
    "lib/libJCudaDriver-$JCUDA_VERSION-linux-x86_64.so")
  "$jdk/bin/jar" --create --file "$BUNDLE/lib/jcuda-natives-driver-$JCUDA_VERSION-linux-x86_64.jar" -C "$tmp" lib
  rm -rf "$tmp"
  local console="$M2/org/junit/platform/junit-platform-console-standalone/$JUNIT_CONSOLE_VERSION/junit-platform-console-standalone-$JUNIT_CONSOLE_VERSION.jar"
  if [ ! -f "$console" ]; then
    mvn -B -q dependency:get -Dartifact="org.junit.platform:junit-platform-console-standalone:$JUNIT_CONSOLE_VERSION" \
      || echo "no JUnit console launcher: the bundle will run CudaCheck only" >&2
  fi
  if [ -f "$console" ]; then
    mkdir -p "$BUNDLE/junit"
    cp "$console" "$BUNDLE/junit/"
  fi
  # java.logging: JCuda logs through it; jdk.incubator.vector: the CPU backend (the reference); java.management:
  # the JUnit console launcher; jdk.zipfs: its class path scanning of jars. The options every launch needs are
  # baked into the image (the leading space keeps JDK 17's jlink from reading the value as an option).
  local strip=(--strip-debug)
  if command -v objcopy > /dev/null; then
    strip=(--strip-java-debug-attributes --strip-native-debug-symbols=objcopy="$(command -v objcopy)")
  fi
  local native_access=""
  if "$jdk/bin/java" --enable-native-access=ALL-UNNAMED -version > /dev/null 2>&1; then
    native_access=" --enable-native-access=ALL-UNNAMED"
  fi
  "$jdk/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.incubator.vector,jdk.zipfs \
    "${strip[@]}" --no-header-files --no-man-pages --compress="$(compress_level "$jdk")" \
    --add-options=" --add-modules=jdk.incubator.vector$native_access" \
    --output "$BUNDLE/jre" 2> >(grep -v 'Using incubator modules' >&2)
  echo "bundle: $BUNDLE"
  du -sh "$BUNDLE/jre" "$BUNDLE/lib" "$BUNDLE"/junit 2>/dev/null || true
  local bytes
  bytes=$(du -sb "$BUNDLE" | cut -f1)
  echo "total: $bytes bytes ($((bytes / 1048576)) MiB)"
  if [ "$bytes" -gt $((64 * 1048576)) ]; then
    echo "the bundle is over 64 MiB" >&2
    exit 1
  fi
}

# --compress=2 before JDK 21, zip-9 after (the numeric levels are deprecated there).
compress_level() {
  local v
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  if [ "${v%%.*}" -ge 21 ]; then echo zip-9; else echo 2; fi
}

run() {
  local out=${OUT:-backend-cuda/target/gpu-check}
  mkdir -p "$out"
  local java="$BUNDLE/jre/bin/java"
  [ -x "$java" ] || { echo "no $java: build the bundle with 'tools/gpu_check.sh bundle' and carry $BUNDLE" >&2; exit 2; }
  local cp
  cp=$(ls "$BUNDLE"/lib/*.jar | tr '\n' ':')
  local status=0
  { nvidia-smi || echo "no nvidia-smi"; } > "$out/nvidia-smi.txt" 2>&1
  "$java" -version > "$out/java-version.txt" 2>&1
  echo "== probe (what 'backends' shows for cuda)"
  "$java" -cp "$cp" org.jdeep.backend.cuda.probe.ProbeMain 2>&1 | tee "$out/probe.txt"
  echo "== CudaCheck: every primitive against the CPU backend, then benchmarks"
  "$java" -Xmx8g -cp "$cp" org.jdeep.backend.cuda.CudaCheck "$@" 2>&1 | tee "$out/cuda-check.txt" || status=1
  if [ -d "$BUNDLE/junit" ]; then
    echo "== JUnit: the backend's tests (GPU tests no longer skipped)"
    local console
    console=$(ls "$BUNDLE"/junit/junit-platform-console-standalone-*.jar)
    # In backend-cuda/, where OpCodeTest finds the CUDA sources. Left to development machines and CI: the tests
    # that build native code or start JVMs from Maven's folders, and the PTX-versus-sources checks (nvcc there
    # may lack a host compiler).
    (cd backend-cuda && "../$java" -Xmx8g -jar "../$console" execute --disable-banner --details=summary \
      --class-path "$(echo "$cp" | sed 's#\(^\|:\)\([^/:]\)#\1../\2#g')" --select-package org.jdeep.backend.cuda \
      --exclude-classname '.*(ProbeLaunchModesTest|EmulatedGpuTest|PtxFreshnessTest)') 2>&1 | tee "$out/junit.txt" || status=1
  fi
  echo "reports in $out"
  exit $status
}

case "${1:-}" in
  bundle) bundle ;;
  run) shift; run "$@" ;;
  *) echo "usage: $0 bundle | run [CudaCheck options]" >&2; exit 2 ;;
esac
