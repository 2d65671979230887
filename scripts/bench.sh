#!/usr/bin/env bash
# Whole-run benchmark: seedlint against ripgrep with the noise patterns and against `cat` (the
# I/O floor), on generated corpora, in the same run and alternating the tools, so that a noisy
# shared machine moves all three together. Prints medians of wall time, CPU seconds (user +
# system) and peak memory (`/usr/bin/time -v`'s maximum resident set size), and the ratios.
# On the small and large corpora it also times three yardsticks: ripgrep's own floor (a search
# for a string no seed holds), ripgrep given the default rules' patterns that must read whole
# lines (scripts/rule_patterns.py), and seedlint's floor (reading and laying out the seeds, with
# only `empty-seed`, which looks at nothing but the bytes).
#
# Usage: scripts/bench.sh            (from anywhere; CI keeps shared/ beside the repository)
# Environment: ROUNDS_TINY (21), ROUNDS_SMALL (7), ROUNDS_LARGE (3), SKIP_LARGE=1 to leave the
# 520 MB corpus out, BENCH_DIR (/tmp/seedbench), NO_INSTALL=1 to skip apt-get.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="$ROOT/../shared/bench"
BENCH_DIR="${BENCH_DIR:-/tmp/seedbench}"
PATTERNS="$SHARED/noise-patterns.txt"
ROUNDS_TINY="${ROUNDS_TINY:-21}"
ROUNDS_SMALL="${ROUNDS_SMALL:-7}"
ROUNDS_LARGE="${ROUNDS_LARGE:-3}"

install_tools() {
    local missing=()
    command -v rg >/dev/null || missing+=(ripgrep)
    command -v hyperfine >/dev/null || missing+=(hyperfine)
    [ -x /usr/bin/time ] || missing+=(time)
    command -v python3 >/dev/null || missing+=(python3)
    if [ "${#missing[@]}" -gt 0 ] && [ -z "${NO_INSTALL:-}" ]; then
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo apt-get update -qq
        $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

make_corpora() {
    for preset in tiny small large; do
        if [ "$preset" = large ] && [ -n "${SKIP_LARGE:-}" ]; then continue; fi
        if [ ! -d "$BENCH_DIR/$preset/corpus" ]; then
            python3 "$SHARED/make_corpus.py" --preset "$preset" --out "$BENCH_DIR/$preset" >&2
        fi
    done
    python3 "$ROOT/scripts/bench_inputs.py" "$ROOT/seeds" "$BENCH_DIR/special" >&2
}

# One timed run: prints "wall cpu peak_kb sys" (seconds, seconds, KiB, seconds). System time
# is kept apart because instruction counts (callgrind) do not see it: a thread woken for every
# file once cost a second of it on the large corpus.
measure() {
    local report
    report="$(mktemp)"
    /usr/bin/time -v -o "$report" "$@" >/dev/null 2>&1 || true
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
        /User time/ { user = $2 } /System time/ { sys = $2 } /Maximum resident/ { rss = $2 }
        END { printf "%.4f %.4f %d %.4f\n", wall, user + sys, rss, sys }' "$report"
    rm -f "$report"
}

cat_all() { find "$1" -type f -print0 | xargs -0 cat >/dev/null; }

# Alternates the named tools over one input for N rounds; appends "label tool wall cpu rss sys".
compare() {
    local label="$1" input="$2" rounds="$3"
    shift 3
    cat_all "$input" # warm the page cache: idle files are paged out after about a minute
    for _ in $(seq "$rounds"); do
        for tool in "$@"; do
            case "$tool" in
                seedlint) echo "$label seedlint $(measure "$SEEDLINT" lint --format json "$input")" ;;
                seedlint-t1) echo "$label seedlint-t1 $(measure "$SEEDLINT" lint --threads 1 --format json "$input")" ;;
                seedlint-t2) echo "$label seedlint-t2 $(measure "$SEEDLINT" lint --threads 2 --format json "$input")" ;;
                rg) echo "$label rg $(measure rg -c -i -f "$PATTERNS" "$input")" ;;
                rg-floor) echo "$label rg-floor $(measure rg -c -F "$ABSENT" "$input")" ;;
                rg-unanchored) echo "$label rg-unanchored $(measure rg -c -f "$UNANCHORED" "$input")" ;;
                seedlint-floor) echo "$label seedlint-floor $(measure "$SEEDLINT" lint --isolated --select empty-seed --format json "$input")" ;;
                cat) echo "$label cat $(measure bash -c "find '$input' -type f -print0 | xargs -0 cat")" ;;
            esac
        done
    done >>"$RESULTS"
}

install_tools
(cd "$ROOT" && cargo build --release --quiet)
SEEDLINT="${CARGO_TARGET_DIR:-$ROOT/target}/release/seedlint"
make_corpora
RESULTS="$(mktemp)"
TINY_JSON="$(mktemp)"
UNANCHORED="$(mktemp)"
trap 'rm -f "$RESULTS" "$TINY_JSON" "$UNANCHORED"' EXIT
python3 "$ROOT/scripts/rule_patterns.py" "$ROOT/rules" >"$UNANCHORED"
# An empty list would make ripgrep match nothing and the yardstick look free.
[ -s "$UNANCHORED" ] || { echo "scripts/rule_patterns.py found no pattern in rules/" >&2; exit 1; }
# No generated seed holds this string, so ripgrep only reads (its literal search is memchr).
ABSENT="qzxjvq-absent"

echo "machine: $(nproc) cores; $(rg --version | head -1); $("$SEEDLINT" --version 2>/dev/null || echo seedlint)"
echo "tiny: hyperfine, start-up included (warm-up 5, 30 runs each)"
# `/usr/bin/time` reads wall time in 10 ms steps, as coarse as the whole tiny run: the tiny
# target is judged on these means instead.
hyperfine -N --warmup 5 --runs 30 -i --style basic --export-json "$TINY_JSON" \
    "$SEEDLINT lint --format json $BENCH_DIR/tiny/corpus" \
    "rg -c -i -f $PATTERNS $BENCH_DIR/tiny/corpus" 2>&1 | grep -E "Time|±|faster|^  [0-9]" || true

compare tiny "$BENCH_DIR/tiny/corpus" "$ROUNDS_TINY" seedlint rg cat
YARDSTICKS=(rg-floor rg-unanchored seedlint-floor)
compare small "$BENCH_DIR/small/corpus" "$ROUNDS_SMALL" seedlint rg cat seedlint-t1 seedlint-t2 \
    "${YARDSTICKS[@]}"
if [ -z "${SKIP_LARGE:-}" ]; then
    compare large "$BENCH_DIR/large/corpus" "$ROUNDS_LARGE" seedlint rg cat seedlint-t1 seedlint-t2 \
        "${YARDSTICKS[@]}"
fi
compare line-20mb "$BENCH_DIR/special/line-20mb.txt" 3 seedlint rg cat
compare paragraphs-20k "$BENCH_DIR/special/paragraphs-20k.txt" 3 seedlint rg cat

python3 "$ROOT/scripts/bench_report.py" "$RESULTS" "$BENCH_DIR" "$TINY_JSON" "$(wc -l <"$UNANCHORED")"
