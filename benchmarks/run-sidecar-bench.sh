#!/usr/bin/env bash
# The proxy-hop benchmark of issue #17 (io.weft.bench.sidecar.ProxyHopBenchmark): the same HTTP JSON echo app
# called directly, through an nginx pair and through a Weft sidecar pair (real ZooKeeper), same run, this
# machine. Builds the sidecar jar and the benchmarks first (niced, offline), then measures un-niced.
# Options go to the main class: --repeat 3 --warmup 10 --measure 10 --rate 1000 --connections 32 --payload 100
#   --rows direct,nginx,sidecar --nginx-workers 1 --sidecar-java-opts "..." --out benchmarks/results/sidecar-latest.md
#   (row sidecar-base + --sidecar-base SCRIPT: a second sidecar pair from another build's launcher, same run)
# (SIDECAR_BENCH_SKIP_BUILD=1 skips the build.)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SIDECAR_BENCH_SKIP_BUILD:-}" ]; then
  nice -n 19 mvn -o -B -q -pl sidecar,benchmarks -am package -DskipTests
fi
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Xms256m -Xmx256m -XX:+UseParallelGC -cp "$cp" io.weft.bench.sidecar.ProxyHopBenchmark \
  --sidecar ./sidecar.sh "$@"
