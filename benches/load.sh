#!/usr/bin/env bash
# Load benchmark: builds release, seeds a database, starts the server, and measures the main
# pages with wrk, anonymous and logged in, against a plain route of the same server.
#
#   benches/load.sh [sqlite|postgres] [--large]
#
# With BENCH_CSV=FILE each row is also written there as `page,req_per_s,p50_ms,p99_ms`
# (benches/compare.sh uses it to set a run beside the previous one).
# PostgreSQL uses $TERTULIA_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test,
# where a database tertulia_bench is created and dropped). Needs wrk (Debian package "wrk").
set -euo pipefail
cd "$(dirname "$0")/.."

backend="${1:-sqlite}"
posts=100000
threads=5000
if [ "${2:-}" = "--large" ]; then posts=1000000; threads=20000; fi
duration="${BENCH_SECONDS:-10}"
connections=64
port=18765
url="http://127.0.0.1:$port"
work="$(mktemp -d)"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
cargo build --release --quiet
bin="$PWD/target/release/tertulia"

case "$backend" in
  sqlite) export TERTULIA_DATABASE_URL="sqlite://$work/bench.db" ;;
  postgres)
    admin="${TERTULIA_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"
    psql "$admin" -qc "DROP DATABASE IF EXISTS tertulia_bench" -c "CREATE DATABASE tertulia_bench" >/dev/null
    export TERTULIA_DATABASE_URL="${admin%/*}/tertulia_bench" ;;
  *) echo "usage: benches/load.sh [sqlite|postgres] [--large]" >&2; exit 2 ;;
esac
export TERTULIA_MAIL_TRANSPORT=log RUST_LOG=warn

# Posting is measured too: lift the per-member limits for this run only.
cat >"$work/bench.toml" <<TOML
[limits]
posts_per_member_per_minute = 1000000
posts_per_member_per_hour = 1000000
TOML

echo "== seeding $posts posts in $threads threads ($backend)"
"$bin" seed demo --threads "$((threads - 1))" --posts "$((posts - 50))" --members 2000
# One more thread with exactly 50 posts, for the thread page.
"$bin" seed demo --threads 1 --posts 50 --members 1 --seed 2
thread=$threads
sync # let the seeded pages reach the disk before measuring, not during
"$bin" --config "$work/bench.toml" serve --bind "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do curl -fs "$url/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

# A logged-in session for the member pages.
curl -s -c "$work/jar" -b "$work/jar" "$url/login" >"$work/login.html"
token=$(grep -o 'name="csrf_token" value="[^"]*"' "$work/login.html" | head -1 | sed 's/.*value="//;s/"//')
curl -s -c "$work/jar" -b "$work/jar" -o /dev/null --data-urlencode "csrf_token=$token" \
  --data "login=maria1" --data-urlencode "password=tertulia demo password" "$url/login"
session=$(awk '$6 == "tertulia_session" {print $7}' "$work/jar")
csrf=$(curl -s -b "$work/jar" "$url/" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')

# Writers: 64 members, one per connection, each with their own session and form token (one
# member's parallel posts are refused past sixteen at once, which would measure refusals).
writers=() tokens=()
while read -r name; do
  jar="$work/jar-$name"
  curl -s -c "$jar" -b "$jar" "$url/login" >"$work/w.html"
  t=$(grep -o 'name="csrf_token" value="[^"]*"' "$work/w.html" | head -1 | sed 's/.*value="//;s/"//')
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf_token=$t" \
    --data "login=$name" --data-urlencode "password=tertulia demo password" "$url/login"
  writers+=("$(awk '$6 == "tertulia_session" {print $7}' "$jar")")
  tokens+=("$(curl -s -b "$jar" "$url/" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')")
done < <(names=(maria jose ana luis carmen jorge lucia pedro sofia diego elena mateo valeria andres camila tomas)
         # The first members as `seed demo` names them (its NAMES, numbered from 1).
         for i in $(seq 1 "$connections"); do echo "${names[(i - 1) % 16]}$i"; done)
[ "${#writers[@]}" -eq "$connections" ] && [ -n "${writers[-1]}" ] || { echo "could not log the writers in" >&2; exit 1; }
writers_lua() { # $1: the path each request posts to
  cat <<LUA
local sessions = {$(printf '"%s",' "${writers[@]}")}
local tokens = {$(printf '"%s",' "${tokens[@]}")}
local n = 0
request = function()
  n = n + 1
  local i = n % #sessions + 1
  return wrk.format("POST", $1, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "tertulia_session=" .. sessions[i],
  }, "csrf_token=" .. tokens[i] .. "&parent_id=&body=Una+respuesta+de+prueba+para+medir")
end
LUA
}
# Searches nobody made before: two words of the seed's texts, drawn anew for every request, so
# (almost) every one misses the kept results and runs the full-text query.
{
  printf 'local words = {'
  grep -o '"[^"]*"' src/services/seed/content.rs | grep -o '[a-záéíóúñ]\{5,\}' | sort -u | sed 's/.*/"&",/' | tr -d '\n'
  printf '}\n'
  cat <<'LUA'
local function encoded(w) -- accented letters, as a URL carries them
  return (w:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
request = function()
  local q = encoded(words[math.random(#words)]) .. "+" .. encoded(words[math.random(#words)])
  return wrk.format("GET", "/search?q=" .. q)
end
LUA
} >"$work/search-new.lua"
writers_lua '"/t/" .. math.random(1, 1000) .. "/reply"' >"$work/reply.lua"
writers_lua '"/t/2/reply"' >"$work/reply-one.lua"

deep=$((threads / 6 / 30 / 2 + 1))
run() { # label, path, extra wrk args...
  local label="$1" path="$2"; shift 2
  local out
  out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -H "Accept-Encoding: ${accept:-gzip}" "$@" "$url$path")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  # Only answered requests count: refusals (429, 5xx) are taken out and said.
  local total bad
  total=$(awk '/requests in/ {print $1}' <<<"$out")
  bad=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  if [ -n "$bad" ]; then
    rps=$(awk -v r="$rps" -v t="$total" -v b="$bad" 'BEGIN {printf "%.2f", r * (t - b) / t}')
    echo "  ($label: $bad of $total requests refused)"
  fi
  last_rps="$rps"
  settle
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  printf '%-34s %12s %10s %10s %8s\n' "$label" "$rps" "$p50" "$p99" "$(awk -v a="$rps" -v b="${ceiling:-$rps}" 'BEGIN {printf "%.3f", a/b}')"
  if [ -n "${BENCH_CSV:-}" ]; then
    printf '%s,%s,%s,%s\n' "$label" "$rps" "$(ms "$p50")" "$(ms "$p99")" >>"$BENCH_CSV"
  fi
}
settle() { # wrk leaves requests in flight when it stops: let the server finish them first
  local i
  for i in $(seq 1 60); do
    [ "$(curl -s -o /dev/null -w '%{time_total}' "$url/healthz")" \< 0.02 ] && return
    sleep 0.5
  done
}
ms() { # a wrk duration (850.00us, 1.23ms, 2.01s) in milliseconds
  awk -v d="$1" 'BEGIN {
    n = d + 0
    if (d ~ /us$/) n /= 1000; else if (d ~ /ms$/) n = n; else if (d ~ /m$/) n *= 60000; else if (d ~ /s$/) n *= 1000
    printf "%.2f", n }'
}
if [ -n "${BENCH_CSV:-}" ]; then echo "page,req_per_s,p50_ms,p99_ms" >"$BENCH_CSV"; fi
wrk -t2 -c"$connections" -d2s "$url/livez" >/dev/null # warm up
printf '%-34s %12s %10s %10s %8s\n' "page" "req/s" "p50" "p99" "of ceiling"
# The ceiling: plain text, no database, nothing to compress.
accept=identity run "plain route (/livez)" /livez
ceiling="$last_rps"
for who in anonymous member; do
  extra=()
  [ "$who" = member ] && extra=(-H "Cookie: tertulia_session=$session")
  run "$who home" / "${extra[@]}"
  run "$who board" /b/educacion "${extra[@]}"
  run "$who board page $deep" "/b/educacion?page=$deep" "${extra[@]}"
  run "$who thread (50 posts)" "/t/$thread" "${extra[@]}"
  run "$who search common" "/search?q=internet" "${extra[@]}"
  run "$who search rare" "/search?q=zanahoria" "${extra[@]}"
  run "$who board feed" /b/educacion/feed.atom "${extra[@]}"
done
# One search at a time: what a single reader waits for, without the queue of 64 connections.
run "member search common (1 connection)" "/search?q=internet" -t1 -c1 -H "Cookie: tertulia_session=$session"
run "member search rare (1 connection)" "/search?q=zanahoria" -t1 -c1 -H "Cookie: tertulia_session=$session"
run "member search never made (1 connection)" /search -t1 -c1 -s "$work/search-new.lua" -H "Cookie: tertulia_session=$session"
# A site that has been taking posts has rate events and notifications, and PostgreSQL has
# statistics of them (autovacuum analyzes within a minute). This one has had none: without a
# warm-up and ANALYZE its kept plans would scan those tables whole, as if they were still empty.
wrk -t2 -c"$connections" -d3s -s "$work/reply.lua" "$url/t/2/reply" >/dev/null
if [ "$backend" = postgres ]; then psql "$TERTULIA_DATABASE_URL" -qc ANALYZE; fi
settle
run "member posting a reply" /t/2/reply -s "$work/reply.lua"
run "member posting into one thread" /t/2/reply -s "$work/reply-one.lua"
rss_kb=$(awk '/VmHWM/ {print $2}' /proc/$server/status)
echo "server peak RSS: $rss_kb kB"
if [ -n "${BENCH_CSV:-}" ]; then
  printf 'server peak RSS (MB),%s,,\n' "$(awk -v k="$rss_kb" 'BEGIN {printf "%.1f", k / 1024}')" >>"$BENCH_CSV"
fi
