#!/usr/bin/env bash
# Export benchmark: a thread of 1,000 posts and one of 10,000, each exported as CSV and JSON
# (and the report page) by a release server; prints the time of each, the server's peak
# resident memory and its anonymous (heap) memory after each, so growth shows an export that
# does not stream. On SQLite the peak also counts the pages of the memory-mapped database
# file that were read; the anonymous figure does not.
#
#   benches/export.sh [sqlite|postgres]
#
# PostgreSQL uses $TERTULIA_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test,
# where a database tertulia_bench is created and dropped).
set -euo pipefail
cd "$(dirname "$0")/.."

backend="${1:-sqlite}"
port=18766
url="http://127.0.0.1:$port"
work="$(mktemp -d)"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

cargo build --release --quiet
bin="$PWD/target/release/tertulia"
case "$backend" in
  sqlite) export TERTULIA_DATABASE_URL="sqlite://$work/bench.db" ;;
  postgres)
    admin="${TERTULIA_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"
    psql "$admin" -qc "DROP DATABASE IF EXISTS tertulia_bench" -c "CREATE DATABASE tertulia_bench" >/dev/null
    export TERTULIA_DATABASE_URL="${admin%/*}/tertulia_bench" ;;
  *) echo "usage: benches/export.sh [sqlite|postgres]" >&2; exit 2 ;;
esac
export TERTULIA_MAIL_TRANSPORT=log RUST_LOG=warn

# Thread 1 has 1,000 posts, thread 2 has 10,000 (ids follow the seeding order).
"$bin" seed demo --threads 1 --posts 1000 --members 200 >/dev/null
"$bin" seed demo --threads 1 --posts 10000 --members 200 --seed 2 >/dev/null
"$bin" serve --bind "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do curl -fs "$url/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

kib() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$server/status"; }
curl -fs -o /dev/null "$url/t/1" # warm: templates, pool, first page
mb() { kib "$1" | awk '{printf "%.1f", $1/1024}'; }
printf '%-28s %10s %12s %14s %14s\n' "request" "seconds" "bytes" "peak RSS (MB)" "anon now (MB)"
printf '%-28s %10s %12s %14s %14s\n' "(after start and one page)" "-" "-" "$(mb VmHWM)" "$(mb RssAnon)"
for thread in 1 2; do
  for path in "/t/$thread/export.csv" "/t/$thread/export.json" "/t/$thread/report"; do
    read -r seconds bytes < <(curl -fs -o /dev/null -w '%{time_total} %{size_download}\n' "$url$path")
    printf '%-28s %10s %12s %14s %14s\n' "$path" "$seconds" "$bytes" "$(mb VmHWM)" "$(mb RssAnon)"
  done
done
