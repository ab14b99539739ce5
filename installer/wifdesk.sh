#!/bin/sh
# WIF Desk launcher: target/wifdesk/bin/wifdesk -> target/wifdesk.jar (+ target/lib/)
here=$(cd "$(dirname "$0")" && pwd)
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" ${WIFDESK_JAVA_OPTS:-} -jar "$here/../../wifdesk.jar" "$@"
