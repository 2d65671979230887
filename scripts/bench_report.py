#!/usr/bin/env python3
"""Summarises scripts/bench.sh's measurements: medians per input and tool, ratios against
ripgrep and cat, the performance targets of issue 6, each marked met or missed, and the
yardsticks that tell what part of ripgrep's time any run of the default rules needs.

Usage: bench_report.py RESULTS BENCH_DIR [TINY_JSON [UNANCHORED]]; TINY_JSON is hyperfine's
export of the tiny run (seedlint first, then ripgrep), which judges the tiny target when given;
UNANCHORED is how many patterns the rg-unanchored runs searched for."""

import collections
import json
import math
import os
import statistics
import sys


def corpus_bytes(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def load(results):
    runs = collections.defaultdict(list)
    with open(results, encoding="utf-8") as lines:
        for line in lines:
            label, tool, wall, cpu, rss, system = line.split()
            runs[label, tool].append((float(wall), float(cpu), int(rss), float(system)))
    return {key: tuple(statistics.median(v[i] for v in values) for i in range(4))
            for key, values in runs.items()}


def hyperfine_ratio(path):
    """seedlint's mean wall time over ripgrep's in hyperfine's export, with its standard
    deviation as hyperfine propagates it; None without a readable export of two commands."""
    try:
        with open(path, encoding="utf-8") as export:
            first, second = json.load(export)["results"][:2]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    ratio = first["mean"] / second["mean"]
    spread = ratio * math.hypot(first["stddev"] / first["mean"], second["stddev"] / second["mean"])
    return ratio, spread


def main():
    results, bench_dir = sys.argv[1], sys.argv[2]
    tiny = hyperfine_ratio(sys.argv[3]) if len(sys.argv) > 3 else None
    med = load(results)
    inputs = {"tiny": "tiny/corpus", "small": "small/corpus", "large": "large/corpus",
              "line-20mb": "special/line-20mb.txt", "paragraphs-20k": "special/paragraphs-20k.txt"}
    sizes = {label: corpus_bytes(os.path.join(bench_dir, rel)) for label, rel in inputs.items()
             if os.path.exists(os.path.join(bench_dir, rel))}
    print(f"\n{'input':<15}{'tool':<15}{'wall s':>9}{'cpu s':>9}{'sys s':>8}{'peak MB':>9}"
          f"{'MB/s':>9}{'÷ rg':>8}{'÷ cat':>8}")
    for label in inputs:
        for tool in ["seedlint", "seedlint-t1", "seedlint-t2", "seedlint-floor", "rg",
                     "rg-unanchored", "rg-floor", "cat"]:
            if (label, tool) not in med:
                continue
            wall, cpu, rss, system = med[label, tool]
            rg = med.get((label, "rg"), (0,))[0]
            cat = med.get((label, "cat"), (0,))[0]
            rate = sizes.get(label, 0) / 1e6 / wall if wall else 0
            print(f"{label:<15}{tool:<15}{wall:>9.3f}{cpu:>9.2f}{system:>8.2f}{rss / 1024:>9.1f}"
                  f"{rate:>9.1f}{wall / rg if rg else 0:>8.2f}{wall / cat if cat else 0:>8.2f}")
    print("\ntargets")

    def target(name, ok, detail):
        print(f"  [{'met' if ok else 'MISSED'}] {name}: {detail}")

    def wall(label, tool="seedlint"):
        return med.get((label, tool), (None,))[0]

    big = "large" if wall("large") else "small"
    if wall(big) and wall(big, "rg"):
        ratio = wall(big) / wall(big, "rg")
        target(f"{big} wall ≤ 1.5 × rg", ratio <= 1.5, f"{ratio:.2f} ×")
    peaks = {label: med[label, "seedlint"][2] / 1024 for label in ("small", "large")
             if (label, "seedlint") in med}
    if peaks:
        target("peak memory ≤ 100 MB, independent of corpus size", max(peaks.values()) <= 100,
               ", ".join(f"{k} {v:.0f} MB" for k, v in peaks.items()))
    if tiny:
        ratio, spread = tiny
        target("tiny wall ≤ 2 × rg", ratio <= 2, f"{ratio:.2f} ± {spread:.2f} × (hyperfine means)")
    elif wall("tiny") and wall("tiny", "rg"):
        ratio = wall("tiny") / wall("tiny", "rg")
        target("tiny wall ≤ 2 × rg", ratio <= 2, f"{ratio:.2f} × (10 ms steps)")
    if wall("large") and wall("small"):
        expected = sizes["large"] / sizes["small"] * wall("small")
        target("linear: large ≤ 1.1 × bytes ratio × small", wall("large") <= 1.1 * expected,
               f"{wall('large') / expected:.2f} × the linear prediction")
    for label in ("line-20mb", "paragraphs-20k"):
        if wall(label):
            target(f"{label} < 1 s", wall(label) < 1, f"{wall(label):.2f} s")
    if wall(big, "seedlint-t1") and wall(big, "seedlint-t2"):
        speedup = wall(big, "seedlint-t1") / wall(big, "seedlint-t2")
        target(f"{big}: 2 threads ≥ 1.7 × 1 thread", speedup >= 1.7, f"{speedup:.2f} ×")
    yardsticks(big, wall, sys.argv[4] if len(sys.argv) > 4 else "the")


def yardsticks(big, wall, unanchored):
    """What ripgrep needs to read the corpus, what it needs for the default rules' patterns
    that read whole lines, and what seedlint needs to read and lay out the seeds, each against
    ripgrep's time on the noise patterns (the large target's measure)."""
    rg = wall(big, "rg")
    if not rg:
        return
    rows = [("rg-floor", "ripgrep reading only (a string no seed holds)"),
            ("rg-unanchored", f"ripgrep given the default line rules' {unanchored} patterns "
                              "not anchored at a line start"),
            ("seedlint-floor", "seedlint reading and laying out only (`empty-seed`)")]
    print(f"\nyardsticks ({big}; ÷ ripgrep's time on the noise patterns)")
    for tool, name in rows:
        if wall(big, tool):
            print(f"  {name}: {wall(big, tool):.2f} s, {wall(big, tool) / rg:.2f} ×")


if __name__ == "__main__":
    main()
