#!/usr/bin/env bash
# Runs the Weft governance console: ./console.sh --registry zookeeper://127.0.0.1:2181 --port 8080
# (--port 0 = any free port; ./console.sh --help). The admin password comes from weft.console.password
# (-D... in JAVA_OPTS, or WEFT_CONSOLE_PASSWORD); without one a random password is printed at start.
# Builds governance-console/target/weft-console.jar first when it is missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")"

jar=governance-console/target/weft-console.jar
modules=(pom.xml framework-api rules registry-support registry-zookeeper registry-etcd governance-console/pom.xml governance-console/src)

needs_build() {
    [[ ! -f "$jar" ]] && return 0
    [[ -n "$(find "${modules[@]}" -newer "$jar" -not -path '*/target/*' -print -quit 2>/dev/null)" ]]
}

if needs_build; then
    echo "building the console (mvn -B -q -DskipTests -pl governance-console -am package)..." >&2
    mvn -B -q -DskipTests -pl governance-console -am package >&2
fi

exec java ${JAVA_OPTS:-} -jar "$jar" "$@"
