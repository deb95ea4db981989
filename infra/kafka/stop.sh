#!/usr/bin/env bash
# Stops the local broker cleanly (SIGTERM, then waits for a controlled shutdown).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA_DIR="${KAFKA_DATA_DIR:-$here/.data}"
pidfile="$DATA_DIR/kafka.pid"
[ -f "$pidfile" ] || { echo "infra/kafka: not running"; exit 0; }
pid="$(cat "$pidfile")"
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then echo "infra/kafka: forcing stop"; kill -KILL "$pid"; fi
fi
rm -f "$pidfile"
echo "infra/kafka: stopped"
