#!/bin/sh
# WIF Desk launcher: target/wifdesk/bin/wifdesk -> target/wifdesk.jar (+ target/lib/)
here=$(cd "$(dirname "$0")" && pwd)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar="$here/../../wifdesk.jar"
jsa="$here/../../wifdesk.jsa"
# The class-data sharing archive made at package time (trained on diagnose and, with a display,
# on a GUI start) starts the JVM ~40% faster. A JVM that cannot use it (another Java version)
# starts without it, silently.
if [ -f "$jsa" ]; then
  exec "$java" "-XX:SharedArchiveFile=$jsa" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off \
    ${WIFDESK_JAVA_OPTS:-} -jar "$jar" "$@"
fi
exec "$java" ${WIFDESK_JAVA_OPTS:-} -jar "$jar" "$@"
