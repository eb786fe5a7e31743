#!/usr/bin/env bash
# Runs every benchmark and rewrites the summary table of docs/performance.md (between <!-- bench:begin --> and
# <!-- bench:end -->), then prints it. Not part of the test run: it takes ~25-30 minutes on a 2-core machine.
#   scripts/bench.sh                    every row
#   scripts/bench.sh --quick            fewer iterations and requests, the scorecard page at 1,000 systems only
#                                       (checks the script in ~10 minutes; figures are rough)
#   scripts/bench.sh --no-build         use the Release build already there
#   scripts/bench.sh --only <prefix>    only the benchmarks whose rows start with <prefix> ("engine", "scorecard page",
#                                       "import", "freshness", "circuits", "cold start"); the other rows of the table are kept
# Needs: the .NET SDK, PostgreSQL's server binaries (initdb, pg_ctl; BV_PG_BIN to point at them) and psql.
# Every benchmark mode prints its rows as  BENCH|row|data size|ours|baseline: figure|ratio|target|met  on stdout.
set -Eeuo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf '==> %s\n' "$*"; }
fail() { printf 'bench.sh: %s\n' "$*" >&2; exit 1; }

quick=""
only=""
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-build) build="" ;;
    --only) [ $# -ge 2 ] || fail "--only needs a row prefix"; only="$2"; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) fail "unknown option $1 (--quick, --no-build, --only <row-prefix>)" ;;
  esac
  shift
done

doc="$root/docs/performance.md"
grep -q '^<!-- bench:begin -->$' "$doc" && grep -q '^<!-- bench:end -->$' "$doc" || fail "$doc has no <!-- bench:begin --> / <!-- bench:end --> markers"
command -v dotnet >/dev/null || fail "the .NET SDK 10 is not installed"

# --- PostgreSQL: one throwaway cluster on 127.0.0.1 for every benchmark, as scripts/test.sh starts it -------------
find_pg_bin() { { ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true; } | sort -V | tail -n 1; }
pg_bin="${BV_PG_BIN:-$(find_pg_bin)}"
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || fail "PostgreSQL server binaries not found: install them (Debian: apt-get install postgresql) or set BV_PG_BIN"
# The import benchmark's baseline is psql \copy.
export PATH="$PATH:$pg_bin"
command -v psql >/dev/null || fail "psql not found"

work="$(mktemp -d /tmp/bv-bench-XXXXXX)"
chmod 755 "$work"
as_pg=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  chown postgres "$work"
  as_pg=(runuser -u postgres --)
fi
cleanup() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  fail "no free port found on 127.0.0.1"
}
port="$(free_port)"
pg_version="$("$pg_bin/postgres" --version | awk '{print $3}')"
say "starting PostgreSQL $pg_version on 127.0.0.1:$port"
"${as_pg[@]}" "$pg_bin/initdb" -D "$work/data" -U postgres --auth=trust -E UTF8 --no-sync >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log"; fail "initdb failed"; }
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -o \
  "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
  || { cat "$work/server.log"; fail "PostgreSQL did not start"; }
export BV_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Database=postgres;Username=postgres;Pooling=true;Timeout=15"

# --- Build once, Release ----------------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if [ -n "$build" ]; then
  say "building the benchmarks (Release)"
  dotnet build -c Release benchmarks/BusinessValue.Benchmarks --verbosity quiet -nologo
  dotnet build -c Release benchmarks/EmptyWebApp --verbosity quiet -nologo
fi
bench_dll="$root/benchmarks/BusinessValue.Benchmarks/bin/Release/net10.0/BusinessValue.Benchmarks.dll"
web_dll="$root/src/BusinessValue.Web/bin/Release/net10.0/BusinessValue.Web.dll"
empty_dll="$root/benchmarks/EmptyWebApp/bin/Release/net10.0/EmptyWebApp.dll"
for dll in "$bench_dll" "$web_dll" "$empty_dll"; do [ -f "$dll" ] || fail "$dll was not built"; done

# --- The machine, before ------------------------------------------------------------------------------------------
load() { cut -d' ' -f1-3 /proc/loadavg; }
load_start="$(load)"
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
ram="$(awk '/MemTotal/ {printf "%.1f GB", $2/1024/1024}' /proc/meminfo)"
runtime="$(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ {v=$2} END {print v}')"

# --- The benchmarks: mode name | row prefix | command ----------------------------------------------------------------
if [ -n "$quick" ]; then
  engine_runs=5; page_requests=10; page_sizes=1000; import_rounds=1; cold_runs=1; circuits_args=(200 20 15); freshness_args=(1000 10 10 50)
else
  engine_runs=21; page_requests=40; page_sizes=1000,10000; import_rounds=3; cold_runs=5; circuits_args=(); freshness_args=(10000 30 10 25 50)
fi
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); else say "taskset not found: the engine runs unpinned"; fi

modes=(engine "scorecard page" import freshness circuits "cold start")
run_mode() {
  case "$1" in
    engine) DOTNET_gcServer=1 "${pin[@]}" dotnet "$bench_dll" --engine "$engine_runs" ;;
    "scorecard page") dotnet "$bench_dll" --scorecard-page "$page_requests" "$page_sizes" ;;
    import) dotnet "$bench_dll" --import "$import_rounds" ;;
    freshness) dotnet "$bench_dll" --freshness "${freshness_args[@]}" ;;
    circuits)
      if ! grep -qs -- '"--circuits"' benchmarks/BusinessValue.Benchmarks/*.cs; then
        echo "the --circuits mode is not in this build: skipped"; return 3
      fi
      dotnet "$bench_dll" --circuits "${circuits_args[@]}" ;;
    "cold start") dotnet "$bench_dll" --cold-start "$cold_runs" "$web_dll" "$empty_dll" ;;
  esac
}
selected() { [ -z "$only" ] || [[ "$1" == "$only"* ]] || [[ "$only" == "$1"* ]]; }

new_rows="$work/rows.tsv"   # mode <TAB> BENCH line
: >"$new_rows"
failed=()
skipped=()
ran=()
for mode in "${modes[@]}"; do
  selected "$mode" || continue
  say "$mode ($(date -u +%H:%M:%S), load $(load))"
  log="$work/${mode// /-}.log"
  clock=$SECONDS
  set +e
  run_mode "$mode" </dev/null 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  say "$mode took $(( SECONDS - clock )) s"
  if [ "$status" -eq 3 ]; then skipped+=("$mode"); continue; fi
  ran+=("$mode")
  if [ "$status" -ne 0 ] || ! grep -q '^BENCH|' "$log"; then failed+=("$mode"); fi
  { grep '^BENCH|' "$log" || true; } | sed "s/^/$mode\t/" >>"$new_rows"
done
[ ${#ran[@]} -gt 0 ] || fail "no benchmark matches --only '$only'"
load_end="$(load)"

# --- The table: this run's rows; with --only, the other modes' rows of the previous table are kept -----------------
old_rows="$work/old.tsv"
awk '/^<!-- bench:rows$/ {on=1; next} on && /^-->$/ {on=0} on' "$doc" >"$old_rows"
all_rows="$work/all.tsv"
: >"$all_rows"
kept=()
for mode in "${modes[@]}"; do
  if printf '%s\n' "${ran[@]}" | grep -qxF "$mode"; then
    awk -F'\t' -v m="$mode" '$1 == m' "$new_rows" >>"$all_rows"
  elif awk -F'\t' -v m="$mode" '$1 == m {found=1} END {exit !found}' "$old_rows"; then
    awk -F'\t' -v m="$mode" '$1 == m' "$old_rows" >>"$all_rows"
    kept+=("$mode")
  fi
done

table="$work/table.md"
{
  echo "<!-- bench:begin -->"
  echo "<!-- written by scripts/bench.sh (do not edit by hand); its raw rows, kept for --only runs: -->"
  echo "<!-- bench:rows"
  cat "$all_rows"
  echo "-->"
  echo
  echo "Machine: $cpu, $(nproc) cores, $ram RAM, .NET $runtime, PostgreSQL $pg_version; load average $load_start at start," \
       "$load_end at end; $started$([ -n "$quick" ] && echo ', --quick (few iterations: rough figures)')."
  if [ ${#kept[@]} -gt 0 ]; then
    echo "Rows of an earlier run kept (this run was --only '$only'): $(IFS=,; echo "${kept[*]}")."
  fi
  echo
  echo "| row | data size | ours | baseline (same run) | ratio | target | met |"
  echo "|---|---|---|---|---|---|---|"
  cut -f2- "$all_rows" | awk -F'|' '{printf "| %s | %s | %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, $6, $7, $8}'
  if [ ${#skipped[@]} -gt 0 ]; then
    echo
    echo "Not in this build, skipped: $(IFS=,; echo "${skipped[*]}")."
  fi
  if [ ${#failed[@]} -gt 0 ]; then
    echo
    echo "Failed or produced no row in this run: $(IFS=,; echo "${failed[*]}") (see the script's output)."
  fi
  echo "<!-- bench:end -->"
} >"$table"

awk -v table="$table" '
  /^<!-- bench:begin -->$/ {while ((getline line < table) > 0) print line; skip=1; next}
  /^<!-- bench:end -->$/ {skip=0; next}
  !skip' "$doc" >"$work/performance.md"
cp "$work/performance.md" "$doc"

echo
sed -n '/^Machine:/,/^<!-- bench:end -->$/p' "$table" | grep -v '^<!-- bench:end -->$'
echo
say "docs/performance.md updated ($(( SECONDS / 60 )) min $(( SECONDS % 60 )) s in all)"
[ ${#failed[@]} -eq 0 ] || fail "failed or without rows: ${failed[*]}"
