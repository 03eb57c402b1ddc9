#!/usr/bin/env bash
# Side by side: the write bench on another revision and on this checkout, alternating, on one
# machine, so that both see the same load. `bash bench/compare-write-path.sh <rev> [rounds]`.
# The other revision runs from a temporary worktree with this checkout's node_modules; each side
# has a bench database of its own, and neither keeps the docs/BENCHMARKS.md its run wrote.
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: bash bench/compare-write-path.sh <revision> [rounds]}
rounds=${2:-2}
other=$(mktemp -d)/base
git worktree add --quiet --detach "$other" "$rev"
ln -s "$PWD/node_modules" "$other/node_modules"
trap 'git worktree remove --force "$other"' EXIT
rows='^\| (GraphQL mutations, 16|Single-statistic commands|Batch path, 200|Batch path, CPU|PostgreSQL alone|Ours / Emmett)'
for round in $(seq "$rounds"); do
  for side in "$rev" HEAD; do
    dir=$PWD
    [ "$side" = HEAD ] || dir=$other
    name=$( [ "$side" = HEAD ] && echo head || echo base )
    echo "=== round $round: $side"
    (cd "$dir" && BENCH_DATABASE_URL="postgres://postgres@127.0.0.1:5432/export_stats_bench_$name" npm run bench -- write 2>&1 | grep -E "$rows" || true)
    (cd "$dir" && git checkout --quiet docs/BENCHMARKS.md)
  done
done
