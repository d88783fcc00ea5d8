#!/usr/bin/env bash
# Resident memory of the five services, Release, idle after one sign-up, for each garbage-collector setting
# named, one after the other in one run: the same binaries, only their runtimeconfig.json differs.
# Usage (repository root, quiet machine, nothing else on the AppHost's fixed ports):
#   dotnet build -c Release AppHost && bench/memory/idle.sh server workstation conserve
# Settings: server (Server GC, concurrent: ASP.NET's default), workstation (Workstation GC, not concurrent),
# nopgo (workstation, no tiered PGO), lean (nopgo, and JIT'd code mapped once: W^X off), as built (the
# project files' own). Idle: 30 s after the sign-up. Memory three ways: bench/memory/resident.py.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
services=(gateway/bin/Release/net10.0/Platform.Gateway services/identity/bin/Release/net10.0/Platform.Identity
  services/membership/bin/Release/net10.0/Platform.Membership services/notifications/bin/Release/net10.0/Platform.Notifications
  services/approvals/bin/Release/net10.0/Platform.Approvals)
for s in "${services[@]}"; do [ -f "$s.runtimeconfig.json" ] || { echo "no $s.runtimeconfig.json: dotnet build -c Release AppHost"; exit 1; }; done
for s in "${services[@]}"; do cp "$s.runtimeconfig.json" "$s.runtimeconfig.json.bench-original"; done
restore() { for s in "${services[@]}"; do mv -f "$s.runtimeconfig.json.bench-original" "$s.runtimeconfig.json" 2>/dev/null || true; done; }
stop_apphost() { [ -n "${runner:-}" ] && kill -TERM -- "-$runner" 2>/dev/null || true; }
trap 'stop_apphost; restore' EXIT

configure() { # $1: setting
  for s in "${services[@]}"; do
    python3 - "$s.runtimeconfig.json.bench-original" "$s.runtimeconfig.json" "$1" <<'PY'
import json, sys
source, target, setting = sys.argv[1:]
config = json.load(open(source))
props = config["runtimeOptions"].setdefault("configProperties", {})
knobs = ("System.GC.Server", "System.GC.Concurrent", "System.Runtime.TieredPGO", "System.Runtime.EnableWriteXorExecute",
         "System.Runtime.TieredCompilation", "System.Runtime.TieredCompilation.QuickJit")
if setting != "as-built":
    for key in knobs:
        props.pop(key, None)
if setting == "server":
    props.update({"System.GC.Server": True, "System.GC.Concurrent": True})
elif setting in ("workstation", "nopgo", "lean", "noquickjit", "notiered"):
    props.update({"System.GC.Server": False, "System.GC.Concurrent": False})
    if setting in ("nopgo", "lean", "noquickjit"):
        props["System.Runtime.TieredPGO"] = False
    if setting == "noquickjit":
        props["System.Runtime.TieredCompilation.QuickJit"] = False
    if setting == "notiered":
        props["System.Runtime.TieredCompilation"] = False
    if setting == "lean":
        props["System.Runtime.EnableWriteXorExecute"] = False
elif setting != "as-built":
    sys.exit(f"unknown setting {setting}")
json.dump(config, open(target, "w"), indent=2)
PY
  done
}

healthy() { for port in 5100 5101 5102 5103 5104; do curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$port/health" || return 1; done; }
kib() { awk -v k="$2" '$1 == k":" { print $2 }' "/proc/$1/status"; }

echo "| setting | gateway | identity | membership | notifications | approvals | RSS summed | PSS summed | **every page once** |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for setting in "$@"; do
  configure "$setting"
  log="$(mktemp /tmp/memory-bench.XXXXXX.log)"
  setsid dotnet run -c Release --no-build --project AppHost --launch-profile http > "$log" 2>&1 &
  runner=$!
  for _ in $(seq 1 240); do healthy && break; sleep 0.5; done
  healthy || { echo "not healthy in 120 s; see $log" >&2; exit 1; }
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -X POST http://127.0.0.1:5100/api/identity/accounts \
    -d "{\"email\":\"bench-$(date +%s%N)@example.com\",\"password\":\"correct horse battery staple 7\",\"firstName\":\"Ada\",\"lastName\":\"Bench\"}")
  [ "$code" = 202 ] || { echo "sign-up answered $code" >&2; exit 1; }
  sleep 30
  row="| $setting"; pids=()
  for s in "${services[@]}"; do
    pid=$(pgrep -f "^$(pwd)/$s\$" | head -n 1); pids+=("$pid")
    row+=" | $(( $(kib "$pid" VmRSS) / 1024 ))"
  done
  read -r rss pss unique < <(python3 bench/memory/resident.py "${pids[@]}")
  echo "$row | $rss | $pss | **$unique** |"
  kill -TERM -- "-$runner" 2>/dev/null || true
  wait "$runner" 2>/dev/null || true
  # Every process gone and every fixed port free (servers stop after the services) before the next setting.
  for _ in $(seq 1 240); do
    if ! pgrep -f "$(pwd)/(AppHost|gateway|services)/.*/bin/Release|aspire-dcp" > /dev/null \
      && ! ss -ltn | grep -qE ':(510[0-4]|55432|56379|55672|51025|51080) '; then break; fi
    sleep 0.5
  done
  rm -f "$log"
done
