#!/usr/bin/env bash
# Runs the whole platform locally: installs what is missing, then the AppHost starts PostgreSQL, Redis,
# RabbitMQ, maildev, the services and the gateway, prints their URLs and stops everything on Ctrl+C.
# Arguments go to the AppHost: --port-offset N, --dynamic-ports, --data DIR.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo_root/scripts/install-prerequisites.sh"
cd "$repo_root"
exec dotnet run --project AppHost -- "$@"
