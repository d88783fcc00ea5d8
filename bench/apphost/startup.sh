#!/usr/bin/env bash
# Time from starting the AppHost (build done: `dotnet run --no-build`) to every resource healthy, then the memory
# of the running platform by kind of process (footprint.py), then a SIGTERM to the AppHost and the time until
# every process of it has gone.
# Usage: bench/apphost/startup.sh REPO_ROOT cold|warm COMMAND...   (cold: .data/apphost is deleted first)
#   this AppHost:   bench/apphost/startup.sh . warm dotnet run --no-build --project AppHost --launch-profile http
#   the old one:    bench/apphost/startup.sh /tmp/old warm dotnet run --no-build --project AppHost
# Uses the fixed ports (gateway 5100 ...): run one at a time.
set -euo pipefail
repo="$(cd "$1" && pwd)"; mode="$2"; shift 2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log="$(mktemp /tmp/apphost-bench.XXXXXX.log)"
[ "$mode" = cold ] && rm -rf "$repo/.data/apphost"

healthy() {
  for url in http://127.0.0.1:5100/health http://127.0.0.1:5101/health http://127.0.0.1:5102/health \
             http://127.0.0.1:5103/health http://127.0.0.1:5104/health http://127.0.0.1:51080/api/healthz; do
    curl -sf -o /dev/null --max-time 1 "$url" || return 1
  done
}

start=$(date +%s.%N)
(cd "$repo" && exec setsid "$@") > "$log" 2>&1 &
runner=$!
until healthy; do
  kill -0 "$runner" 2>/dev/null || { echo "the AppHost exited; see $log"; exit 1; }
  sleep 0.2
done
ready=$(date +%s.%N)
printf '%s %s: all healthy %.1f s after start\n' "$(basename "$repo")" "$mode" "$(echo "$ready - $start" | bc)"

sleep 10 # let start-up work settle before measuring memory
kube="$(grep -o '/tmp/aspire-dcp[A-Za-z0-9]*' "$log" | head -n 1 || true)"
python3 "$here/footprint.py" "$repo" "$runner" $kube

apphost="$(pgrep -f "AppHost/bin/.*/Platform.AppHost" -P "$(pgrep -P "$runner" | tr '\n' ',' | sed 's/,$//'),$runner" | head -n 1 || true)"
stop=$(date +%s.%N)
kill -TERM "${apphost:-$runner}"
wait "$runner" 2>/dev/null || true
for _ in $(seq 1 240); do [ -n "$(python3 "$here/footprint.py" "$repo" 999999999 $kube | awk '/^servers|^dcp|^services/ { n += $(NF-2) } END { print n + 0 }' | grep -v '^0$')" ] || break; sleep 0.5; done
printf 'every process gone %.1f s after SIGTERM\n' "$(echo "$(date +%s.%N) - $stop" | bc)"
rm -f "$log"
