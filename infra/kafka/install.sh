#!/usr/bin/env bash
# Fetches the Kafka broker jars from Maven Central into infra/kafka/.runtime/libs (idempotent).
# Runs as the root package's postinstall, so `pnpm install` leaves a machine able to start Kafka.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
libs="$here/.runtime/libs"
stamp="$here/.runtime/pom.sha"
want="$(sha256sum "$here/pom.xml" | cut -d' ' -f1)"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && ls "$libs"/kafka_2.13-*.jar >/dev/null 2>&1; then
  exit 0
fi
command -v java >/dev/null || { echo "infra/kafka: Java 17+ is required to run the local Kafka broker" >&2; exit 1; }
command -v mvn >/dev/null || { echo "infra/kafka: Maven is required to fetch the Kafka jars" >&2; exit 1; }

echo "infra/kafka: fetching the Kafka broker jars from Maven Central ..."
rm -rf "$libs"
mvn -q -B -f "$here/pom.xml" package
echo "$want" > "$stamp"
echo "infra/kafka: $(ls "$libs" | wc -l) jars in $libs"
