#!/usr/bin/env bash
# A local three-broker KRaft cluster (each node broker + controller), secured like the single broker
# of start.sh (mutual TLS with the development CA, ACLs), with replication factor 3 and
# min.insync.replicas 2 (cluster.properties.template). For failover drills and `pnpm test:cluster`;
# the single broker (start.sh, 19092) stays what `pnpm start` and `pnpm test` use.
#
# Usage: infra/kafka/cluster.sh start|stop|status        the whole cluster (idempotent)
#        infra/kafka/cluster.sh start|stop|kill|restart N  node N (1..3): stop is a controlled
#                                                         shutdown (SIGTERM), kill is SIGKILL
#        infra/kafka/cluster.sh destroy                   stop every node and delete the data
# Env: KAFKA_CLUSTER_PORTS (29092,29093,29094: the client listeners, KAFKA_BROKERS for clients),
#      KAFKA_CLUSTER_CONTROLLER_PORTS (29192,29193,29194), KAFKA_CLUSTER_DIR (infra/kafka/.cluster),
#      KAFKA_HEAP (384m per node), MOTLAN_CERT_DIR (infra/certs/.certs).
# `start` returns once every node started accepts connections on its client port (at most
# KAFKA_CLUSTER_WAIT_S, 90 s); a node's client port opens once the quorum (two nodes) is up.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

IFS=, read -r -a PORTS <<< "${KAFKA_CLUSTER_PORTS:-29092,29093,29094}"
IFS=, read -r -a CONTROLLER_PORTS <<< "${KAFKA_CLUSTER_CONTROLLER_PORTS:-29192,29193,29194}"
CLUSTER_DIR="${KAFKA_CLUSTER_DIR:-$here/.cluster}"
CERT_DIR="${MOTLAN_CERT_DIR:-$here/../certs/.certs}"
WAIT_S="${KAFKA_CLUSTER_WAIT_S:-90}"
NODES=(1 2 3)
[ "${#PORTS[@]}" -eq 3 ] && [ "${#CONTROLLER_PORTS[@]}" -eq 3 ] ||
  { echo "infra/kafka/cluster: KAFKA_CLUSTER_PORTS and KAFKA_CLUSTER_CONTROLLER_PORTS name three ports each" >&2; exit 2; }

cp="$here/.runtime/libs/*"
jvm=(-Xms128m "-Xmx${KAFKA_HEAP:-384m}" -XX:+UseG1GC -Djava.awt.headless=true
     "-Dlog4j.configuration=file:$here/log4j.properties")
voters=""
for n in "${NODES[@]}"; do voters+="${voters:+,}$n@127.0.0.1:${CONTROLLER_PORTS[$((n - 1))]}"; done

node_dir() { echo "$CLUSTER_DIR/node-$1"; }
pid_of() { cat "$(node_dir "$1")/kafka.pid" 2>/dev/null || true; }
running() { local pid; pid="$(pid_of "$1")"; [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Renders node N's properties and, on first use, formats its storage with the cluster's one id.
prepare() {
  local n="$1" dir props
  dir="$(node_dir "$n")"
  props="$dir/server.properties"
  mkdir -p "$dir"
  (umask 077; cat "$CERT_DIR/kafka-broker-key.pem" "$CERT_DIR/kafka-broker.pem" > "$dir/broker-keystore.pem")
  {
    sed -e "s|\${BROKER_PORT}|${PORTS[$((n - 1))]}|g" -e "s|\${CONTROLLER_PORT}|${CONTROLLER_PORTS[$((n - 1))]}|g" \
        -e "s|\${DATA_DIR}|$dir|g" -e "s|\${CERT_DIR}|$CERT_DIR|g" "$here/server.properties.template"
    sed -e "s|\${NODE_ID}|$n|g" -e "s|\${VOTERS}|$voters|g" "$here/cluster.properties.template"
  } > "$props"
  if [ ! -f "$dir/logs/meta.properties" ]; then
    java -cp "$cp" "${jvm[@]}" kafka.tools.StorageTool format -t "$(cat "$CLUSTER_DIR/cluster-id")" \
      -c "$props" --ignore-formatted >/dev/null
  fi
}

start_node() {
  local n="$1" dir
  dir="$(node_dir "$n")"
  if running "$n"; then echo "infra/kafka/cluster: node $n already running (pid $(pid_of "$n"))"; return; fi
  prepare "$n"
  nohup java -cp "$cp" "${jvm[@]}" kafka.Kafka "$dir/server.properties" > "$dir/kafka.log" 2>&1 &
  echo $! > "$dir/kafka.pid"
  echo "infra/kafka/cluster: node $n started (pid $!) on 127.0.0.1:${PORTS[$((n - 1))]}; log in $dir/kafka.log"
}

wait_open() {
  local deadline=$((SECONDS + WAIT_S)) n
  for n in "$@"; do
    until port_open "${PORTS[$((n - 1))]}"; do
      running "$n" || { echo "infra/kafka/cluster: node $n exited; see $(node_dir "$n")/kafka.log" >&2; exit 1; }
      [ "$SECONDS" -lt "$deadline" ] ||
        { echo "infra/kafka/cluster: node $n not listening after ${WAIT_S} s; see $(node_dir "$n")/kafka.log" >&2; exit 1; }
      sleep 0.2
    done
  done
}

stop_node() {
  local n="$1" signal="$2" pid
  pid="$(pid_of "$n")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "-$signal" "$pid"
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then echo "infra/kafka/cluster: forcing node $n to stop"; kill -KILL "$pid"; fi
  fi
  rm -f "$(node_dir "$n")/kafka.pid"
  echo "infra/kafka/cluster: node $n $([ "$signal" = KILL ] && echo killed || echo stopped)"
}

brokers() { local list="" n; for n in "${NODES[@]}"; do list+="${list:+,}127.0.0.1:${PORTS[$((n - 1))]}"; done; echo "$list"; }

command="${1:-}"
node="${2:-}"
if [ -n "$node" ] && [[ ! "$node" =~ ^[123]$ ]]; then echo "infra/kafka/cluster: node must be 1, 2 or 3" >&2; exit 2; fi
targets=("${NODES[@]}")
[ -n "$node" ] && targets=("$node")

case "$command" in
  start | restart)
    bash "$here/install.sh"
    bash "$here/../certs/generate.sh" >/dev/null
    CERT_DIR="$(cd "$CERT_DIR" && pwd)"
    mkdir -p "$CLUSTER_DIR"
    [ -f "$CLUSTER_DIR/cluster-id" ] ||
      java -cp "$cp" "${jvm[@]}" kafka.tools.StorageTool random-uuid > "$CLUSTER_DIR/cluster-id"
    if [ "$command" = restart ]; then
      for n in "${targets[@]}"; do stop_node "$n" TERM & done
      wait
    fi
    for n in "${targets[@]}"; do start_node "$n"; done
    wait_open "${targets[@]}"
    echo "infra/kafka/cluster: up; KAFKA_BROKERS=$(brokers)"
    ;;
  # The whole cluster stops in parallel: a node stopped last would wait for a quorum that is gone.
  stop) for n in "${targets[@]}"; do stop_node "$n" TERM & done; wait ;;
  kill)
    [ -n "$node" ] || { echo "infra/kafka/cluster: kill takes a node (1, 2 or 3)" >&2; exit 2; }
    stop_node "$node" KILL
    ;;
  destroy)
    for n in "${NODES[@]}"; do stop_node "$n" TERM & done
    wait
    rm -rf "$CLUSTER_DIR"
    echo "infra/kafka/cluster: data removed ($CLUSTER_DIR)"
    ;;
  status)
    for n in "${NODES[@]}"; do
      if running "$n"; then echo "node $n: running (pid $(pid_of "$n")) on 127.0.0.1:${PORTS[$((n - 1))]}"
      else echo "node $n: stopped"; fi
    done
    echo "KAFKA_BROKERS=$(brokers)"
    ;;
  *) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; [ "$command" = --help ] || exit 2 ;;
esac
