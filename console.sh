#!/usr/bin/env bash
# Runs the Weft governance console: ./console.sh --registry zookeeper://127.0.0.1:2181 --port 8080
# (--port 0 = any free port; ./console.sh --help). The admin password comes from weft.console.password
# (-D... in JAVA_OPTS, or WEFT_CONSOLE_PASSWORD); without one a random password is printed at start.
# Builds governance-console/target/weft-console.jar first when it is missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")"

source scripts/launcher.sh
jar=governance-console/target/weft-console.jar
build_if_stale "the console" governance-console "$jar" pom.xml framework-api rules registry-support registry-zookeeper registry-etcd governance-console/pom.xml governance-console/src

exec java ${JAVA_OPTS:-} -jar "$jar" "$@"
