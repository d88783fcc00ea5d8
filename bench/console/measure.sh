#!/usr/bin/env bash
# The console's figures for BENCHMARKS.md: builds the console as the gateway serves it, then runs the bench's console
# scenario (the whole platform started as the tests start it, Debian's chromium, 100,000 members seeded in membershipdb).
# Markdown on standard output, progress on standard error; each figure carries the load average it was measured under.
# Usage: bench/console/measure.sh > console-bench.md
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
scripts/build-console.sh >&2
dotnet build -c Release bench/Platform.Benchmarks >&2
dotnet run -c Release --no-build --project bench/Platform.Benchmarks -- console
