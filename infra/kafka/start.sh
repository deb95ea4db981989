#!/usr/bin/env bash
# Starts the local single-node KRaft broker in the background (idempotent).
# Clients must present a certificate of the development CA (mutual TLS) and are authorised by
# ACLs, which the admin step (`pnpm topics`) creates; see packages/kafka/README.md.
# Env: KAFKA_PORT (19092), KAFKA_CONTROLLER_PORT (19093), KAFKA_DATA_DIR, KAFKA_HEAP (512m),
#      MOTLAN_CERT_DIR (infra/certs/.certs, made by infra/certs/generate.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/install.sh"

BROKER_PORT="${KAFKA_PORT:-19092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
DATA_DIR="${KAFKA_DATA_DIR:-$here/.data}"
CERT_DIR="${MOTLAN_CERT_DIR:-$here/../certs/.certs}"
export BROKER_PORT CONTROLLER_PORT DATA_DIR CERT_DIR
pidfile="$DATA_DIR/kafka.pid"
mkdir -p "$DATA_DIR"

if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "infra/kafka: already running (pid $(cat "$pidfile")) on 127.0.0.1:$BROKER_PORT"
  exit 0
fi

# The broker's own identity (kafka-broker, a super user) and the CA it trusts.
bash "$here/../certs/generate.sh" >/dev/null
CERT_DIR="$(cd "$CERT_DIR" && pwd)"
(umask 077; cat "$CERT_DIR/kafka-broker-key.pem" "$CERT_DIR/kafka-broker.pem" > "$DATA_DIR/broker-keystore.pem")

props="$DATA_DIR/server.properties"
sed -e "s|\${BROKER_PORT}|$BROKER_PORT|g" -e "s|\${CONTROLLER_PORT}|$CONTROLLER_PORT|g" \
    -e "s|\${DATA_DIR}|$DATA_DIR|g" -e "s|\${CERT_DIR}|$CERT_DIR|g" \
    "$here/server.properties.template" > "$props"

cp="$here/.runtime/libs/*"
jvm=(-Xms256m "-Xmx${KAFKA_HEAP:-512m}" -XX:+UseG1GC -Djava.awt.headless=true
     "-Dlog4j.configuration=file:$here/log4j.properties")

if [ ! -f "$DATA_DIR/logs/meta.properties" ]; then
  cluster_id="$(java -cp "$cp" "${jvm[@]}" kafka.tools.StorageTool random-uuid)"
  java -cp "$cp" "${jvm[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$props" --ignore-formatted >/dev/null
fi

nohup java -cp "$cp" "${jvm[@]}" kafka.Kafka "$props" > "$DATA_DIR/kafka.log" 2>&1 &
echo $! > "$pidfile"
echo "infra/kafka: started (pid $!) on 127.0.0.1:$BROKER_PORT; log in $DATA_DIR/kafka.log"
