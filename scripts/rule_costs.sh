#!/usr/bin/env bash
# What each default rule costs: lints a corpus once per rule with only that rule selected, on
# one thread, and prints the CPU seconds (user + system) above the cost of reading and laying
# out the documents (a run with only `empty-seed`, which looks at nothing but the bytes),
# costliest first. The duplicate and metadata rules read the noise rules' findings, so their
# lines include every noise rule. A new rule that shows near the top deserves a second look at its patterns
# (a Unicode `\b`, two open repetitions in a row, an unanchored alternation).
#
# Usage: scripts/rule_costs.sh [CORPUS]  (default: the small benchmark corpus that
#        scripts/bench.sh generates under BENCH_DIR, /tmp/seedbench)
# Environment: ROUNDS (3; the median is printed), SEEDLINT (target/release/seedlint).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/tmp/seedbench}"
CORPUS="${1:-$BENCH_DIR/small/corpus}"
ROUNDS="${ROUNDS:-3}"
SEEDLINT="${SEEDLINT:-$ROOT/target/release/seedlint}"

if [ ! -d "$CORPUS" ] && [ "$CORPUS" = "$BENCH_DIR/small/corpus" ]; then
    python3 "$ROOT/../shared/bench/make_corpus.py" --preset small --out "$BENCH_DIR/small" >&2
fi
[ -x "$SEEDLINT" ] || (cd "$ROOT" && cargo build --release --quiet)

# The median CPU seconds of ROUNDS runs with only rule $1 selected.
cpu_of() {
    local samples=() report
    report="$(mktemp)"
    for _ in $(seq "$ROUNDS"); do
        /usr/bin/time -f '%U %S' -o "$report" "$SEEDLINT" lint --isolated --threads 1 \
            --exit-zero --format json --select "$1" "$CORPUS" >/dev/null 2>&1 || true
        samples+=("$(awk '{ print $1 + $2 }' "$report")")
    done
    rm -f "$report"
    printf '%s\n' "${samples[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

floor="$(cpu_of empty-seed)"
bytes="$(du -sb "$CORPUS" | cut -f1)"
echo "corpus: $CORPUS ($((bytes / 1000000)) MB); floor (read + layout): ${floor} CPU-s"
printf '%-28s %8s %10s\n' rule cpu-s MB/s
"$SEEDLINT" rules --format json |
    python3 -c 'import json, sys; print("\n".join(r["id"] for r in json.load(sys.stdin)))' |
    while read -r rule; do
        cpu="$(cpu_of "$rule")"
        awk -v r="$rule" -v c="$cpu" -v f="$floor" -v b="$bytes" 'BEGIN {
            d = c - f; if (d < 0.001) d = 0.001
            printf "%-28s %8.3f %10.1f\n", r, d, b / d / 1e6 }'
    done | sort -k2 -n -r
