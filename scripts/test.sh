#!/usr/bin/env bash
# Runs every test: unit, both database providers, HTTP and a real browser.
# Installs what is missing on Debian/Ubuntu as root, starts a throwaway PostgreSQL on 127.0.0.1,
# builds, checks that each provider's migrations match the model, runs the tests and prints one line:
#   N passed, N failed, N skipped
set -Eeuo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$root/artifacts/test-results"
mkdir -p "$results"

say() { printf '==> %s\n' "$*"; }
fail() { printf 'test.sh: %s\n' "$*" >&2; exit 1; }

command -v dotnet >/dev/null || fail "the .NET SDK 10 is not installed: see https://learn.microsoft.com/dotnet/core/install/linux"

# --- What the tests need: PostgreSQL server binaries and a Chromium -------------------------------
can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

find_pg_bin() { { ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true; } | sort -V | tail -n 1; }
pg_bin="${BV_PG_BIN:-$(find_pg_bin)}"
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  if can_apt; then
    say "installing the PostgreSQL server (apt)"
    apt_install postgresql
    pg_bin="$(find_pg_bin)"
  fi
  [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || fail "PostgreSQL server binaries not found. Install them (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql@17) or set BV_PG_BIN to the folder holding initdb and pg_ctl."
fi

find_chromium() {
  for candidate in "${BV_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return; fi
  done
}
chromium="$(find_chromium)"
if [ -z "$chromium" ]; then
  if can_apt; then
    say "installing Chromium (apt)"
    apt_install chromium
    chromium="$(find_chromium)"
  fi
  [ -n "$chromium" ] || fail "no Chromium or Chrome found. Install one (Debian: apt-get install chromium) or set BV_CHROMIUM to its path."
fi
export BV_CHROMIUM="$chromium"

# nginx for the two-nodes test (TwoNodesBehindNginxTests); it runs its own unprivileged instance on 127.0.0.1.
find_nginx() {
  for candidate in "${BV_NGINX:-}" /usr/sbin/nginx /usr/local/sbin/nginx /usr/local/nginx/sbin/nginx "$(command -v nginx || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return; fi
  done
}
nginx_bin="$(find_nginx)"
if [ -z "$nginx_bin" ]; then
  if can_apt; then
    say "installing nginx (apt)"
    apt_install nginx-light
    # The package starts a system nginx on port 80; the tests need none.
    if command -v systemctl >/dev/null && systemctl is-active --quiet nginx 2>/dev/null; then systemctl stop nginx || true; fi
    nginx_bin="$(find_nginx)"
  fi
  [ -n "$nginx_bin" ] || fail "no nginx found. Install it (Debian: apt-get install nginx-light) or set BV_NGINX to its path."
fi
export BV_NGINX="$nginx_bin"

# --- A throwaway PostgreSQL cluster on 127.0.0.1, stopped whatever happens -------------------------
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  fail "no free port found on 127.0.0.1"
}

cluster="$(mktemp -d /tmp/bv-pg-XXXXXX)"
chmod 755 "$cluster"
as_pg=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root.
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  chown postgres "$cluster"
  as_pg=(runuser -u postgres --)
fi
stop_postgres() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap stop_postgres EXIT

port="$(free_port)"
say "starting PostgreSQL ($("$pg_bin/postgres" --version | awk '{print $3}')) on 127.0.0.1:$port"
"${as_pg[@]}" "$pg_bin/initdb" -D "$cluster/data" -U postgres --auth=trust -E UTF8 --no-sync >"$cluster/initdb.log" 2>&1 \
  || { cat "$cluster/initdb.log"; fail "initdb failed"; }
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -o \
  "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
  || { cat "$cluster/server.log"; fail "PostgreSQL did not start"; }
export BV_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Database=postgres;Username=postgres;Pooling=true;Timeout=15"

# --- Build, migration checks, tests --------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say "restoring tools and packages"
dotnet tool restore >/dev/null
dotnet restore BusinessValue.sln --verbosity quiet

say "building (warnings are errors)"
dotnet build BusinessValue.sln --no-restore --verbosity quiet -nologo

for provider in Sqlite Postgres; do
  say "checking the $provider migrations match the model"
  dotnet ef migrations has-pending-model-changes --no-build \
    --project "src/BusinessValue.Migrations.$provider" --startup-project "src/BusinessValue.Migrations.$provider" \
    || fail "the model changed without a $provider migration: run dotnet ef migrations add NAME --project src/BusinessValue.Migrations.$provider --startup-project src/BusinessValue.Migrations.$provider"
done

say "running the tests"
rm -f "$results"/*.trx
set +e
dotnet test BusinessValue.sln --no-build --logger "trx" --results-directory "$results" 2>&1 | tee "$results/dotnet-test.log"
status=${PIPESTATUS[0]}
set -e

# One summed line over all test assemblies, from VSTest's per-assembly summaries.
summary=$({ grep -E '^(Passed|Failed)!' "$results/dotnet-test.log" || true; } | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3; n++} END {printf "%d %d %d %d", p, f, s, n}')
read -r passed failed skipped assemblies <<<"$summary"
expected=$(find tests -mindepth 2 -maxdepth 2 \( -name '*.Tests.csproj' -o -name '*.EndToEnd.csproj' \) | wc -l)
if [ "$assemblies" -lt "$expected" ]; then
  echo "test.sh: only $assemblies of $expected test assemblies reported results" >&2
  status=1
fi
if [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then status=1; fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
