#!/usr/bin/env bash
# The weft command line (DESIGN §11): ./weft.sh ls | describe SERVICE | call SERVICE METHOD '[args]' |
# rules get|put|rm|history|rollback ...   (./weft.sh --help). The registry comes from --registry or
# weft.registry.address (WEFT_REGISTRY_ADDRESS). Same as: java -jar cli/target/weft.jar ...
# Builds cli/target/weft.jar first when it is missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")"

source scripts/launcher.sh
jar=cli/target/weft.jar
build_if_stale "the weft command" cli "$jar" pom.xml framework-api framework-impl registry-zookeeper registry-etcd cli/pom.xml cli/src

# A short-lived command: C1 only and the serial collector start faster (ls on etcd: ~2x, see
# docs/architecture.md); JAVA_OPTS can override both.
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC ${JAVA_OPTS:-} -jar "$jar" "$@"
