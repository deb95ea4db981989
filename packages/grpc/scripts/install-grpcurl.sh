#!/usr/bin/env bash
# Installs grpcurl, the standard gRPC command-line client, into .tools/bin at the project root,
# built from its Go module (`go install`, Go 1.21+). The reflection test and the README's first
# calls use it to prove that the servers describe themselves with no proto files.
# Idempotent: does nothing when that version is already there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

VERSION=v1.9.3
BIN="$PWD/.tools/bin"

if [ -x "$BIN/grpcurl" ] && [ "$("$BIN/grpcurl" -version 2>&1)" = "grpcurl $VERSION" ]; then
  exit 0
fi

GO="$(command -v go || true)"
if [ -z "$GO" ] && [ -x /usr/local/go/bin/go ]; then GO=/usr/local/go/bin/go; fi
if [ -z "$GO" ]; then
  echo "dev: Go 1.21+ is required to build grpcurl (https://go.dev/doc/install)" >&2
  exit 1
fi

echo "dev: building grpcurl $VERSION into .tools/bin ..."
# GOTOOLCHAIN=local: build with the Go that is here rather than fetching another toolchain.
# -X main.version: what the release builds stamp, so `grpcurl -version` names it (checked above).
GOTOOLCHAIN=local GOBIN="$BIN" "$GO" install \
  -ldflags "-X main.version=$VERSION" \
  "github.com/fullstorydev/grpcurl/cmd/grpcurl@$VERSION"
