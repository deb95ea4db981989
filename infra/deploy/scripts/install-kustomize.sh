#!/usr/bin/env bash
# Installs kustomize into .tools/bin at the project root, built from its Go module (`go install`,
# Go 1.21+). The deployment tests render infra/deploy/k8s's overlays with it, offline.
# Idempotent: does nothing when that version is already there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

VERSION=v5.7.1
BIN="$PWD/.tools/bin"

if [ -x "$BIN/kustomize" ] && [ "$("$BIN/kustomize" version 2>&1)" = "$VERSION" ]; then
  exit 0
fi

GO="$(command -v go || true)"
if [ -z "$GO" ] && [ -x /usr/local/go/bin/go ]; then GO=/usr/local/go/bin/go; fi
if [ -z "$GO" ]; then
  echo "dev: Go 1.21+ is required to build kustomize (https://go.dev/doc/install)" >&2
  exit 1
fi

echo "dev: building kustomize $VERSION into .tools/bin ..."
# GOTOOLCHAIN=local: build with the Go that is here rather than fetching another toolchain.
# -X ...provenance.version: what the release builds stamp, so `kustomize version` names it.
GOTOOLCHAIN=local GOBIN="$BIN" "$GO" install \
  -ldflags "-X sigs.k8s.io/kustomize/api/provenance.version=$VERSION" \
  "sigs.k8s.io/kustomize/kustomize/v5@$VERSION"
