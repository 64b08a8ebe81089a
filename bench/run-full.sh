#!/usr/bin/env bash
# The full benchmark in one command: builds in Release, starts a throwaway PostgreSQL on 127.0.0.1
# (unless FORENINGSBRO_BENCH_POSTGRES already names a server), generates 1,000 and 100,000 teams on
# SQLite and PostgreSQL, publishes the app (ReadyToRun), loads it, prints the table and updates
# docs/benchmarks.md.
# Extra arguments go to the benchmark, e.g. ./bench/run-full.sh --reuse
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build Foreningsbro.slnx -c Release -nologo -v quiet
# The app as it would be deployed: published for this machine with ReadyToRun (see the web project).
rm -rf bench/app
dotnet publish src/Foreningsbro.Web -c Release -r linux-x64 --self-contained false -o bench/app -nologo -v quiet

if [ -z "${FORENINGSBRO_BENCH_POSTGRES:-}" ]; then
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ ! -x "${pg_bin:-}/initdb" ]; then
    if [ "$(id -u)" -eq 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
      pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    else
      echo "PostgreSQL is missing: sudo apt-get install postgresql, or set FORENINGSBRO_BENCH_POSTGRES." >&2
      exit 1
    fi
  fi
  pg_dir="$(mktemp -d)"
  pg_port="${FORENINGSBRO_BENCH_PG_PORT:-55480}"
  as_pg=()   # initdb refuses to run as root
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir"; as_pg=(runuser -u postgres --); fi
  stop_pg() { "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
  trap stop_pg EXIT
  "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >/dev/null
  # fsync=off only speeds up the bulk load of a throwaway server; the reads measured do not depend on it.
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -w -l "$pg_dir/log" \
    -o "-p $pg_port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  export FORENINGSBRO_BENCH_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"
fi

dotnet run -c Release --no-build --project bench/Foreningsbro.Bench -- --app bench/app/Foreningsbro.Web.dll "$@"
