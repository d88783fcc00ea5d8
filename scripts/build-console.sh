#!/usr/bin/env bash
# Builds the browser console (console/) that the gateway serves at /: installs its npm packages exactly as the
# committed package-lock.json names them, type-checks and bundles into console/dist.
set -euo pipefail

console="$(cd "$(dirname "${BASH_SOURCE[0]}")/../console" && pwd)"
cd "$console"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
