#!/usr/bin/env bash
# Runs the Weft demo. No arguments: everything in one process (embedded ZooKeeper, two providers,
# a consumer). Parts: ./demo.sh registry | provider ... | consumer ...; scenarios: ./demo.sh governance,
# ./demo.sh mesh (a Python service behind sidecars; needs python3)   (./demo.sh --help)
# Builds demo/target/weft-demo.jar first when it is missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")"

source scripts/launcher.sh
jar=demo/target/weft-demo.jar
build_if_stale "the demo" demo "$jar" pom.xml framework-api rules registry-support framework-impl registry-zookeeper registry-etcd governance-console/pom.xml governance-console/src sidecar/pom.xml sidecar/src/main demo/pom.xml demo/src

exec java -jar "$jar" "$@"
