#!/usr/bin/env bash
# Installs what the AppHost runs locally, only what is missing: PostgreSQL, Redis, RabbitMQ, Node.js with
# maildev 3.0.0 (into <repo>/.tools/maildev), the .NET SDK 10 and the repository's local dotnet tools.
#
# Installing postgresql, redis-server or rabbitmq-server may start their system services. They are left as
# the packages set them up: the AppHost runs private servers on its own ports and folders, never those.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
maildev_version="3.0.0"
maildev_dir="$repo_root/.tools/maildev"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  else
    sudo "$@"
  fi
}

have() {
  command -v "$1" >/dev/null 2>&1
}

apt_updated=false
apt_install() {
  if ! have apt-get; then
    echo "error: $* missing and there is no apt-get here; install them with your package manager." >&2
    exit 1
  fi
  if [ "$apt_updated" = false ]; then
    as_root apt-get update || return 1
    apt_updated=true
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" || return 1
}

# Debian 12 ships PostgreSQL 15, Ubuntu releases other majors: any /usr/lib/postgresql/*/bin will do
# (the AppHost picks the newest, or the one that created its data folder).
postgres_installed() {
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

rabbitmq_installed() {
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || [ -x /usr/sbin/rabbitmq-server ] || have rabbitmq-server
}

missing=()
postgres_installed || missing+=(postgresql)
have redis-server || missing+=(redis-server)
rabbitmq_installed || missing+=(rabbitmq-server)
have node || missing+=(nodejs)
have npm || missing+=(npm)
# The console's browser tests drive Debian's chromium; Playwright never downloads a browser of its own.
[ -x /usr/bin/chromium ] || missing+=(chromium)

if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing ${missing[*]}"
  apt_install "${missing[@]}"
  echo "Note: the packages may have started system services (postgresql, redis-server, rabbitmq-server);" \
    "they are left alone, the AppHost runs its own servers on its own ports."
fi

installed_maildev="$(node -p "require('$maildev_dir/node_modules/maildev/package.json').version" 2>/dev/null || true)"
if [ "$installed_maildev" != "$maildev_version" ]; then
  echo "Installing maildev $maildev_version into $maildev_dir"
  mkdir -p "$maildev_dir"
  npm install --prefix "$maildev_dir" --no-audit --no-fund --loglevel=error "maildev@$maildev_version"
fi

# The OpenID Connect tests' relying party (openid-client), from its committed lock file.
relying_party="$repo_root/tests/Platform.OpenIdConnect.Tests/relying-party"
if [ ! -d "$relying_party/node_modules/openid-client" ]; then
  echo "Installing the OpenID Connect tests' relying party (npm ci)"
  npm ci --prefix "$relying_party" --no-audit --no-fund --loglevel=error
fi

if ! have dotnet; then
  echo "Installing the .NET SDK 10"
  if ! apt_install dotnet-sdk-10.0; then
    echo "error: the package dotnet-sdk-10.0 is not available from this machine's apt sources." >&2
    echo "Install the .NET SDK 10 from https://dot.net (or Microsoft's package repository), then run this again." >&2
    exit 1
  fi
fi
if ! dotnet --list-sdks | grep -q '^10\.'; then
  echo "warning: no .NET SDK 10 found (dotnet --list-sdks); global.json asks for 10.0.100 or later." >&2
fi

if [ -f "$repo_root/dotnet-tools.json" ] || [ -f "$repo_root/.config/dotnet-tools.json" ]; then
  (cd "$repo_root" && dotnet tool restore >/dev/null)
fi

echo "Prerequisites ready."
