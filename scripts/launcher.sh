# Shared by the launchers in the checkout's root (console.sh, demo.sh, sidecar.sh, weft.sh); source it
# from there, after `cd "$(dirname "$0")"`.

# build_if_stale WHAT MODULE JAR SOURCE...
# Builds JAR (mvn -B -DskipTests -pl MODULE -am package) when it is missing or older than any of the
# SOURCE files and folders (their target/ folders do not count). WHAT names it in the message. Progress:
# one line per module Maven builds (its "Building ..." lines), plus errors; the full log is
# in target/launcher-build.log (WEFT_BUILD_VERBOSE=1 prints all of it).
build_if_stale() {
    local what=$1 module=$2 jar=$3
    shift 3
    if [[ -f "$jar" && -z "$(find "$@" -newer "$jar" -not -path '*/target/*' -print -quit 2>/dev/null)" ]]; then
        return 0
    fi
    # The launchers need the runnable jar only: no sources or Javadoc jars (a minute less).
    local first="" log=target/launcher-build.log skip="-Dmaven.source.skip=true -Dmaven.javadoc.skip=true"
    [[ -f "$jar" ]] || first=" (the first build takes a few minutes)"
    echo "building $what$first: mvn -B -DskipTests -pl $module -am package" >&2
    if [[ -n "${WEFT_BUILD_VERBOSE:-}" ]]; then
        mvn -B --no-transfer-progress -DskipTests $skip -pl "$module" -am package >&2
        return
    fi
    mkdir -p target
    local status=0
    {
        mvn -B --no-transfer-progress -DskipTests $skip -pl "$module" -am package 2>&1 | tee "$log" \
            | grep --line-buffered -E '^\[INFO\] Building .*\[[0-9]+/[0-9]+\]|^\[ERROR\] [^ ]|BUILD (SUCCESS|FAILURE)|Total time' \
            | sed -u -E -e 's/ {2,}/ /g' -e 's/^\[INFO\] Building /  building /' -e 's/^\[INFO\] /  /' >&2
        status=${PIPESTATUS[0]}
    } || true
    if [[ $status -ne 0 ]]; then
        echo "build failed (exit $status); full log: $log" >&2
        return "$status"
    fi
}
