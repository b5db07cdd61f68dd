#!/usr/bin/env bash
# What metrics, trace propagation and the access log cost together (issue #18): EchoLoad's provider and
# consumer in one JVM, C synchronous callers of a 100-byte echo, runs of each configuration alternated
# ROUNDS times, every JVM on its default GC. Configurations:
#   off        no weft-micrometer on the class path, access log off (W3C trace propagation is core: always on)
#   on-logger  weft-micrometer (every DESIGN §10 meter, Prometheus registry) + weft.access-log=true with the
#              default sink, logger weft.access (slf4j-simple, written to a file)
#   on-file    the same with weft.access-log.file (Weft's own buffered writer)
# Build first: mvn -B -q -pl benchmarks -am package -DskipTests
#   mvn -B -q -pl micrometer -am package dependency:build-classpath -DskipTests \
#       -Dmdep.outputFile="$PWD/micrometer/target/classpath.txt"      (the last module written is micrometer's)
# Usage: run-observability-cost.sh [C] [WARMUP_S] [MEASURE_S] [ROUNDS]   (defaults 32 10 10 3)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
c="${1:-32}"; warmup="${2:-10}"; measure="${3:-10}"; rounds="${4:-3}"
base="$here/target/classes:$(cat "$here/target/classpath.txt")"
# weft-micrometer and its own run-time jars (Micrometer, the Prometheus client, HdrHistogram)
metrics="$(ls "$root"/micrometer/target/weft-micrometer-*.jar | grep -v -e sources -e javadoc | head -1):$(tr ':' '\n' \
  < "$root/micrometer/target/classpath.txt" | grep -E '/io/micrometer/|/io/prometheus/|/jspecify/|/HdrHistogram/' | paste -sd:)"
logs="$(mktemp -d)"
run() { # name, extra class path, options...
  local name="$1" cp="$2"; shift 2
  local load; load="$(cut -d' ' -f1 /proc/loadavg)"
  local out
  out=$(java -Xms1g -Xmx1g -cp "$base${cp:+:$cp}" "$@" io.weft.bench.EchoLoad both "$c" 100 "$warmup" "$measure" 2>"$logs/$name.err" | grep -E 'ops/s|^cpu' | tr '\n' ' ' || true)
  echo "$name	load $load	$out"
}
for r in $(seq 1 "$rounds"); do
  run off "" -Dweft.access-log=false
  run on-logger "$metrics" -Dweft.access-log=true -Dorg.slf4j.simpleLogger.logFile="$logs/access-logger.log"
  run on-file "$metrics" -Dweft.access-log=true -Dweft.access-log.file="$logs/access-file.log"
  rm -f "$logs"/access-*.log
done
