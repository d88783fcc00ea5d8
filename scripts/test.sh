#!/usr/bin/env bash
# Runs every test against real servers: installs what is missing, builds, starts PostgreSQL,
# RabbitMQ, Redis and maildev with the AppHost in its servers-only mode, runs the suites, prints the
# totals and exits non-zero on any failure. Usage: scripts/test.sh [extra dotnet test arguments]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
"$repo/scripts/install-prerequisites.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
data="$repo/.data/test"
results="$data/results"
rm -rf "$data"
mkdir -p "$results"
# The browser suite keeps its screenshots beside the trx files.
export PLATFORM_TEST_RESULTS="$results"

echo "== build"
# The console (node) and the solution (dotnet) build side by side: neither reads what the other writes.
scripts/build-console.sh > "$data/console-build.log" 2>&1 &
console_build=$!
dotnet build Platform.sln -c Debug -nologo -v quiet -clp:ErrorsOnly
wait "$console_build" || { echo "the console did not build:"; cat "$data/console-build.log"; exit 1; }

echo "== start servers"
dotnet run --no-build --no-launch-profile --project AppHost -- --Infrastructure:Only=true --Infrastructure:DynamicPorts=true \
  --Infrastructure:DataDirectory="$data/servers" --Infrastructure:EnvironmentFile="$data/servers.env" > "$data/servers.log" 2>&1 &
servers=$!
stop_servers() {
  # SIGTERM: a background job of a script ignores SIGINT, and dotnet run passes TERM on.
  kill -TERM "$servers" 2>/dev/null || true
  wait "$servers" 2>/dev/null || true
}
trap stop_servers EXIT

for _ in $(seq 1 180); do
  [ -f "$data/servers.env" ] && break
  if ! kill -0 "$servers" 2>/dev/null; then
    echo "the servers did not start:"; tail -n 40 "$data/servers.log"; exit 1
  fi
  sleep 1
done
[ -f "$data/servers.env" ] || { echo "the servers were not ready within 180 s:"; tail -n 40 "$data/servers.log"; exit 1; }
# Values hold ';' (Npgsql connection strings), so export line by line instead of sourcing.
while IFS= read -r line; do [ -n "$line" ] && export "$line"; done < "$data/servers.env"

status=0
run_tests() { # $1: label, rest: projects
  local label="$1"; shift
  echo "== $label"
  dotnet test "$@" --no-build -nologo --logger "trx" --results-directory "$results" "${extra[@]}" || status=1
}
extra=("$@")
# The service and gateway suites run side by side; the end-to-end suite, the browser suite and the drills (which start
# the whole platform on servers of their own and pull its plugs) each get the machine to themselves.
mapfile -t suites < <(ls tests/*.Tests/*.Tests.csproj | grep -v -e EndToEnd -e Drills -e Console)
for suite in "${suites[@]}"; do run_tests "$(basename "$suite" .csproj)" "$suite"; done
for suite in tests/*EndToEnd*.Tests/*.Tests.csproj tests/*Console*.Tests/*.Tests.csproj tests/*Drills*.Tests/*.Tests.csproj; do
  [ -f "$suite" ] && run_tests "$(basename "$suite" .csproj)" "$suite"
done

# Totals over every suite, from the trx files: the line CI reads.
count() { # $1: counter attribute
  ( set +o pipefail; cat "$results"/*.trx 2>/dev/null | grep -o "<Counters [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{ s += $1 } END { print s + 0 }' )
}
passed=$(count passed)
failed=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))
skipped=$(count notExecuted)
echo "Totals: $passed passed, $failed failed, $skipped skipped"
if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then status=1; fi
exit $status
