#!/usr/bin/env bash
# Runs benches/load.sh and prints each figure beside the previous run's, saved in
# benches/results/<backend>.csv (committed, so a change's effect shows in review). The new
# figures replace the saved ones; commit them with the change they measure.
#
#   benches/compare.sh [sqlite|postgres] [--large]
set -euo pipefail
cd "$(dirname "$0")/.."

backend="${1:-sqlite}"
size=""
[ "${2:-}" = "--large" ] && size="-large"
saved="benches/results/$backend$size.csv"
fresh="$(mktemp)"
trap 'rm -f "$fresh"' EXIT

BENCH_CSV="$fresh" benches/load.sh "$@"

echo
echo "== this run beside the previous ($saved; req/s higher is better, p99 and memory lower)"
awk -F, -v saved="$saved" '
  BEGIN {
    while ((getline line < saved) > 0) {
      split(line, f, ",")
      if (f[1] != "page") { before_rps[f[1]] = f[2]; before_p99[f[1]] = f[4] }
    }
    printf "%-36s %11s %11s %8s %10s %10s\n", "page", "req/s was", "req/s now", "change", "p99 was", "p99 now"
  }
  $1 == "page" { next }
  {
    was = ($1 in before_rps) ? before_rps[$1] : ""
    change = (was != "" && was + 0 > 0) ? sprintf("%+.0f%%", ($2 - was) / was * 100) : "new"
    p99_was = ($1 in before_p99) ? before_p99[$1] : ""
    printf "%-36s %11s %11s %8s %10s %10s\n", $1, (was == "" ? "-" : was), $2, change, \
      (p99_was == "" ? "-" : p99_was), $4
  }
' "$fresh"
cp "$fresh" "$saved"
echo "(saved to $saved)"
