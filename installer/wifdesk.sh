#!/bin/sh
# WIF Desk launcher: target/wifdesk/bin/wifdesk -> target/wifdesk.jar (+ target/lib/)
here=$(cd "$(dirname "$0")" && pwd)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar="$here/../../wifdesk.jar"
jsa="$here/../../wifdesk.jsa"
# The class-data sharing archive made at package time (trained on diagnose and, with a display,
# on a GUI start) starts the JVM ~40% faster. A JVM that cannot use it (another Java version)
# starts without it, silently.
# A command (plan, apply, diagnose, ...) lives a few seconds: the C1 compiler alone is ready sooner
# and costs half the CPU of tiered compilation on such a run, and one compiler thread leaves a core
# to the command itself (benchmarks.md, "Setup apply"). The GUI (no arguments, or --measure-startup)
# and the long-running sandbox keep the JVM's defaults.
case "$#:${1:-}" in
  0:|1:--measure-startup|*:sandbox) short= ;;
  *) short='-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1' ;;
esac
if [ -f "$jsa" ]; then
  exec "$java" "-XX:SharedArchiveFile=$jsa" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off \
    $short ${WIFDESK_JAVA_OPTS:-} -jar "$jar" "$@"
fi
exec "$java" $short ${WIFDESK_JAVA_OPTS:-} -jar "$jar" "$@"
