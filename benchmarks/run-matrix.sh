#!/usr/bin/env bash
# Runs the comparison matrix: every stack × C × payload, each stack's server in its own JVM
# (started here, stopped by PID), one client JVM per cell. Every JVM runs with the JVM's default
# GC (G1) and -Xms1g -Xmx1g. Stacks: weft, dubbo, grpc in their defaults (calls on a pool);
# weft-direct, dubbo-direct, grpc-direct with calls on the I/O thread; netty, a raw echo. Writes
# benchmarks/results/latest.md (two tables: defaults, direct) and the raw rows as latest.tsv, with the
# load average at the start of each cell. Build first:
#   mvn -B -q -pl framework-api,framework-impl,benchmarks -am package -DskipTests
# Options: --warmup S (default 20) --measure S (default 10)
#          --stacks weft,dubbo,grpc,netty,weft-direct,dubbo-direct,grpc-direct
#          --callers 1,32,128 --payloads 100,4096 --out FILE.md
# BENCH_JAVA_OPTS adds JVM options to every JVM; BENCH_CLASSPATH replaces the class path (e.g. to run
# the same drivers against another build of framework-impl).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
warmup=20; measure=10; stacks="weft,dubbo,grpc,netty,weft-direct,dubbo-direct,grpc-direct"; callers="1,32,128"; payloads="100,4096"
out="$here/results/latest.md"
while [ $# -gt 0 ]; do
  case "$1" in
    --warmup) warmup="$2"; shift 2 ;;
    --measure) measure="$2"; shift 2 ;;
    --stacks) stacks="$2"; shift 2 ;;
    --callers) callers="$2"; shift 2 ;;
    --payloads) payloads="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
cpfile="$here/target/classpath.txt"
[ -f "$cpfile" ] || { echo "build first: mvn -B -q -pl framework-api,framework-impl,benchmarks -am package -DskipTests" >&2; exit 1; }
cp="${BENCH_CLASSPATH:-$here/target/classes:$(cat "$cpfile")}"
jvm=(java -Xms1g -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$cp")
mkdir -p "$(dirname "$out")"
tsv="${out%.md}.tsv"
logdir="$(mktemp -d)"
echo -e "stack\tC\tbytes\tops\tp50\tp99\tp999\tmax\tfailed\tclientCpuUs\tserverCpuUs\tclientGc\tserverGc\tclientAlloc\tserverAlloc\tclientCsw\tserverCsw\tload" > "$tsv"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap stop_server EXIT
port=$(( 21000 + RANDOM % 20000 ))
for stack in ${stacks//,/ }; do
  port=$((port + 1))
  log="$logdir/$stack-server.log"
  "${jvm[@]}" io.weft.bench.compare.StackServer "$stack" "$port" > "$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do grep -q '^READY' "$log" && break; kill -0 "$server_pid" || break; sleep 0.1; done
  ready=$(grep '^READY' "$log" || true)
  if [ -z "$ready" ]; then echo "$stack server did not start:" >&2; tail -20 "$log" >&2; exit 1; fi
  read -r _ sport statsport info <<< "$ready"
  for c in ${callers//,/ }; do
    for bytes in ${payloads//,/ }; do
      load="$(cut -d' ' -f1-3 /proc/loadavg)"
      row=$("${jvm[@]}" io.weft.bench.compare.LoadDriver "$stack" 127.0.0.1 "$sport" "$statsport" "$info" \
            "$c" "$bytes" "$warmup" "$measure" 2> "$logdir/$stack-$c-$bytes.log" | grep -P '^[\w-]+\t' || true)
      if [ -z "$row" ]; then echo "$stack C=$c ${bytes}B failed:" >&2; tail -5 "$logdir/$stack-$c-$bytes.log" >&2; continue; fi
      echo -e "$row\t$load" | tee -a "$tsv"
    done
  done
  stop_server
done
machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), loopback"
settings="$(date -u +%Y-%m-%d), warm-up ${warmup} s, measured ${measure} s per cell, -Xms1g -Xmx1g and the default GC (G1) per JVM${BENCH_JAVA_OPTS:+, extra options: $BENCH_JAVA_OPTS}"
"${jvm[@]}" io.weft.bench.compare.MatrixReport "$tsv" "$machine" "$settings" > "$out"
cat "$out"
echo "server logs in $logdir"
