#!/usr/bin/env bash
# The Weft sidecar (DESIGN §9, docs/sidecar.md): puts an application in any language into the mesh over
# loopback HTTP + JSON.
#   ./sidecar.sh --app NAME --registry URL [--service SVC[=m1,m2]]... [--app-url http://127.0.0.1:8080]
#                [--port 20880] [--outbound-port 15001] [--admin-port N] [--health-path /health] [--tag k=v]...
# (also as properties weft.sidecar.*; --port/--outbound-port 0 = any free, the chosen ports are printed).
# SIGTERM shuts down gracefully. Same as: java -jar sidecar/target/weft-sidecar.jar ...
# Builds sidecar/target/weft-sidecar.jar first when it is missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")"

source scripts/launcher.sh
jar=sidecar/target/weft-sidecar.jar
build_if_stale "the sidecar" sidecar "$jar" pom.xml framework-api rules registry-support framework-impl registry-zookeeper registry-etcd sidecar/pom.xml sidecar/src/main

# A small default heap: the sidecar holds little (JAVA_OPTS can override it).
exec java -Xmx64m -XX:+UseSerialGC ${JAVA_OPTS:-} -jar "$jar" "$@"
