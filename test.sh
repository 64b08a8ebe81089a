#!/usr/bin/env bash
# Runs the whole test suite: unit and app tests on SQLite and on PostgreSQL, the browser tests,
# the OpenAPI lint, and the benchmark's smoke mode. Installs what is missing (as root), starts a throwaway
# PostgreSQL on a loopback port, stops it again, and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
root="$(pwd)"

log() { printf '\n== %s\n' "$*"; }

# --- 1. What the tests need from Debian ------------------------------------------------------
need=()
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "${pg_bin:-}/initdb" ] || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    log "Installing ${need[*]} from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null || { echo "apt-get install ${need[*]} failed" >&2; exit 1; }
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  else
    echo "Missing: ${need[*]}. Install them (sudo apt-get install ${need[*]}) or run ./test.sh as root." >&2
    exit 1
  fi
fi

# --- 2. Build once ----------------------------------------------------------------------------
log "Building"
dotnet build Foreningsbro.slnx -c Release -nologo -v quiet || exit 1
log "Checking formatting (dotnet format --verify-no-changes)"
dotnet format Foreningsbro.slnx --verify-no-changes --no-restore || { echo "Run 'dotnet format Foreningsbro.slnx' and commit." >&2; exit 1; }

# --- 3. A throwaway PostgreSQL on 127.0.0.1 ---------------------------------------------------
pg_dir="$(mktemp -d)"
pg_port="${FORENINGSBRO_PG_PORT:-55432}"
as_pg=()   # initdb refuses to run as root
if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir"; as_pg=(runuser -u postgres --); fi
stop_pg() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_pg EXIT
start_pg() {
  "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >/dev/null || return 1
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -w -l "$pg_dir/log" \
    -o "-p $pg_port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null || { cat "$pg_dir/log"; return 1; }
}
log "Starting PostgreSQL on 127.0.0.1:$pg_port"
start_pg || { echo "PostgreSQL did not start" >&2; exit 1; }
postgres_cs="Host=127.0.0.1;Port=$pg_port;Username=postgres;Include Error Detail=true"

# --- 4. The suites ----------------------------------------------------------------------------
passed=0; failed=0; skipped=0; status=0
run() { # run LABEL PROJECT [ENV=VALUE ...]
  local label="$1" project="$2"; shift 2
  log "$label"
  local out; out="$(mktemp)"
  env "$@" dotnet test "$project" -c Release --no-build -nologo 2>&1 | tee "$out"
  local rc=${PIPESTATUS[0]}
  local line; line="$(grep -E '^(Passed|Failed)!' "$out" | tail -n 1)"
  if [ -n "$line" ]; then
    passed=$((passed + $(sed -E 's/.*Passed: *([0-9]+).*/\1/' <<<"$line")))
    failed=$((failed + $(sed -E 's/.*Failed: *([0-9]+),.*/\1/' <<<"$line")))
    skipped=$((skipped + $(sed -E 's/.*Skipped: *([0-9]+).*/\1/' <<<"$line")))
  elif [ "$rc" -ne 0 ]; then
    failed=$((failed + 1))
  fi
  [ "$rc" -eq 0 ] || status=1
  rm -f "$out"
}

openapi_doc="$pg_dir/openapi.json"   # written by ApiDescriptionTests, linted below
run "Unit and app tests on SQLite" tests/Foreningsbro.Tests FORENINGSBRO_TEST_POSTGRES= "FORENINGSBRO_OPENAPI_OUT=$openapi_doc"
log "OpenAPI lint (@redocly/cli, 0 errors)"
if scripts/lint-openapi.sh "$openapi_doc"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); status=1
fi
run "Unit and app tests on PostgreSQL" tests/Foreningsbro.Tests "FORENINGSBRO_TEST_POSTGRES=$postgres_cs"
if [ -d tests/Foreningsbro.BrowserTests ]; then
  run "Browser tests on SQLite" tests/Foreningsbro.BrowserTests FORENINGSBRO_TEST_POSTGRES=
  run "Browser tests on PostgreSQL" tests/Foreningsbro.BrowserTests "FORENINGSBRO_TEST_POSTGRES=$postgres_cs"
fi
if [ -d bench/Foreningsbro.Bench ]; then
  log "Benchmark smoke run"
  if FORENINGSBRO_BENCH_POSTGRES="$postgres_cs" dotnet run -c Release --no-build --project bench/Foreningsbro.Bench -- --smoke; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); status=1
  fi
fi

echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
