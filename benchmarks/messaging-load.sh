#!/usr/bin/env bash
# One run of MessagingLoad against a platform of its own: starts the platform (bin/heliograph start, the `test` infra
# instance, var/bench, ports 20000+), runs MessagingLoad and Kafka's tools, then stops the platform and the infra.
# Arguments go to MessagingLoad. On a shared machine run it under the infra lock:
#   flock /tmp/heliograph-infra.lock benchmarks/messaging-load.sh
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export HELIOGRAPH_VAR="${HELIOGRAPH_VAR:-var/bench}" HELIOGRAPH_INFRA_INSTANCE="${HELIOGRAPH_INFRA_INSTANCE:-test}"
export HELIOGRAPH_PORT_BASE="${HELIOGRAPH_PORT_BASE:-20000}" HELIOGRAPH_SKIP_BUILD="${HELIOGRAPH_SKIP_BUILD:-1}"
# The per-user limit of 20 sendMessage/s (burst 40) would cap each sender; the load is the point here.
export HELIOGRAPH_GATEWAY_FLOOD_PERSECOND="${HELIOGRAPH_GATEWAY_FLOOD_PERSECOND:-100000}"
export HELIOGRAPH_GATEWAY_FLOOD_BURST="${HELIOGRAPH_GATEWAY_FLOOD_BURST:-100000}"
eval "$(bin/infra --instance "$HELIOGRAPH_INFRA_INSTANCE" env)"
rc=0
mkdir -p "$HELIOGRAPH_VAR"
# On a fresh Kafka, fan-out may see a just-created topic without partitions and stop the start (UpdateFanout's
# co-partitioning check); the second start finds the topics there.
if bin/heliograph start >/dev/null 2>"$HELIOGRAPH_VAR/start.log" || { echo "first start failed; starting again" >&2; bin/heliograph start >/dev/null; }; then
  timeout 720 java -Xmx1g -cp benchmarks/target/benchmarks.jar io.heliograph.benchmarks.messaging.MessagingLoad \
    --endpoints="$HELIOGRAPH_VAR/run/endpoints.json" --kafka="$HELIOGRAPH_KAFKA_BOOTSTRAP" \
    --platform-pid="$(cat "$HELIOGRAPH_VAR/run/heliograph.pid")" --cassandra="$HELIOGRAPH_CASSANDRA_CONTACT" \
    --cpu-pids="platform:$(cat "$HELIOGRAPH_VAR/run/heliograph.pid"),kafka:$(cat "var/infra/$HELIOGRAPH_INFRA_INSTANCE/kafka/kafka.pid"),cassandra:$(cat "var/infra/$HELIOGRAPH_INFRA_INSTANCE/cassandra/cassandra.pid")" \
    "$@" || rc=$?
else
  rc=$?
fi
bin/heliograph stop >/dev/null 2>&1
bin/infra --instance "$HELIOGRAPH_INFRA_INSTANCE" down >/dev/null 2>&1
exit "$rc"
