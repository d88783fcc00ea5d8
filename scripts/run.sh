#!/usr/bin/env bash
# Runs the whole platform locally: installs what is missing, then the AppHost starts PostgreSQL, Redis,
# RabbitMQ, maildev, the services and the gateway, prints their URLs and the dashboard login, and stops
# everything on Ctrl+C.
# Arguments go to the AppHost, e.g. --Infrastructure:Mode=executables, --Infrastructure:DataDirectory=DIR.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo_root/scripts/install-prerequisites.sh"
"$repo_root/scripts/build-console.sh"
cd "$repo_root"
exec dotnet run --project AppHost --launch-profile http -- "$@"
