#!/usr/bin/env bash
# Control-plane cost as the mesh grows (issue #15): rule propagation to many consumers in several JVMs, and
# discovery of many providers with restarts, against a real ZooKeeper (curator-test) and a real etcd (the
# etcd binary). Builds the benchmarks first (niced, offline), then runs the driver in a session raised
# above the machine's other work (autogroup; needs root, ignored otherwise).
#   benchmarks/run-mesh.sh rules     --registry zookeeper|etcd [--jvms 4 --consumers 250 --rounds 20 --warmup 3]
#   benchmarks/run-mesh.sh discovery --registry zookeeper|etcd [--services 1000 --per-service 10 --restart-percent 10
#                                                               --restart-seconds 60]
# (MESH_SKIP_BUILD=1 skips the build.)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${MESH_SKIP_BUILD:-}" ]; then
  nice -n 19 mvn -o -B -q -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true
fi
what="${1:?rules or discovery}"; shift
case "$what" in
  rules) main=io.weft.bench.mesh.RuleFanout ;;
  discovery) main=io.weft.bench.mesh.DiscoveryScale ;;
  *) echo "rules or discovery, not $what" >&2; exit 2 ;;
esac
cp="$(pwd)/benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
cd benchmarks
echo "load average at start: $(cat /proc/loadavg)"
# A session of its own, raised: with autogroup scheduling, nice alone does not rank it above other sessions.
exec setsid -w bash -c 'echo -19 > /proc/self/autogroup 2>/dev/null || true
  exec java -Xms1g -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$0" "$@"' "$cp" "$main" "$@"
