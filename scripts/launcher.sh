# Shared by the launchers in the checkout's root (console.sh, demo.sh, sidecar.sh, weft.sh); source it
# from there, after `cd "$(dirname "$0")"`.

# build_if_stale WHAT MODULE JAR SOURCE...
# Builds JAR (mvn -B -q -DskipTests -pl MODULE -am package) when it is missing or older than any of
# the SOURCE files and folders (their target/ folders do not count). WHAT names it in the message.
build_if_stale() {
    local what=$1 module=$2 jar=$3
    shift 3
    if [[ -f "$jar" && -z "$(find "$@" -newer "$jar" -not -path '*/target/*' -print -quit 2>/dev/null)" ]]; then
        return 0
    fi
    echo "building $what (mvn -B -q -DskipTests -pl $module -am package)..." >&2
    mvn -B -q -DskipTests -pl "$module" -am package >&2
}
