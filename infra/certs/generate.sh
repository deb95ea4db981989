#!/usr/bin/env bash
# Development PKI for mutual TLS between services (idempotent). Creates in infra/certs/.certs/:
#   ca.pem / ca-key.pem                  the development CA
#   <name>.pem / <name>-key.pem          a certificate per service and client, CN = its identity
#   rogue-ca.pem, rogue.pem/-key.pem     signed by another CA, for tests of refusal
# Usage: bash infra/certs/generate.sh [name ...]   (names are added to the default set)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${MOTLAN_CERT_DIR:-$here/.certs}"
mkdir -p "$out"
cd "$out"
command -v openssl >/dev/null || { echo "infra/certs: openssl is required" >&2; exit 1; }
# Test files start in parallel and each makes sure the PKI exists: one at a time, or a second run
# would take a half-written CA or certificate for a finished one.
exec 9>"$out/.lock"
flock 9

# kafka-broker: the local broker's own certificate (its listeners); kafka-admin: the admin step's
# super user (topics, ACLs); test-client: what test code itself acts as on Kafka; adapter-conformance:
# pnpm adapter:conformance's client of the adapters it certifies (not a Kafka identity).
# Adapters made by pnpm create-adapter, one line each.
adapters=()
# create-adapter: new certificate names above this line.
names=(fact-registry population-adapter military-personnel-adapter one-stop commune-officer citizen-portal operator ops-console
       bench-client dev-client adapter-conformance national-population-db military-personnel-db
       kafka-broker kafka-admin test-client ${adapters[@]+"${adapters[@]}"} "$@")
days=825

make_ca() { # $1 = file prefix, $2 = CN
  [ -f "$1.pem" ] && return 0
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
    -subj "/O=Motlan Development/CN=$2" -keyout "$1-key.pem" -out "$1.pem" 2>/dev/null
}

make_cert() { # $1 = name, $2 = CA prefix
  [ -f "$1.pem" ] && return 0
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/O=Motlan/CN=$1" \
    -keyout "$1-key.pem" -out "$1.csr" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,DNS:%s,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n' "$1" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2-key.pem" -CAcreateserial -days "$days" \
    -extfile "$1.ext" -out "$1.pem" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}

make_ca ca "Motlan Development CA"
for name in "${names[@]}"; do make_cert "$name" ca; done
make_ca rogue-ca "Not the Motlan CA"
make_cert rogue rogue-ca
echo "infra/certs: certificates in $out"
