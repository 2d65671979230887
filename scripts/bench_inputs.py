#!/usr/bin/env python3
"""Writes the two stress inputs of scripts/bench.sh, deterministically, from the sample seeds:
line-20mb.txt (one 20 MB line) and paragraphs-20k.txt (20,000 paragraphs, with exact and near
copies, the worst case for the duplicate rules). Existing files are kept."""

import pathlib
import sys

LINE_BYTES = 20_000_000
PARAGRAPHS = 20_000


def seed_texts(seeds_dir):
    return [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(seeds_dir).glob("*.txt"))]


def one_line(texts):
    words = " ".join(" ".join(text.split()) for text in texts)
    repeats = LINE_BYTES // len(words.encode("utf-8")) + 1
    return (" ".join([words] * repeats)) + "\n"


def many_paragraphs(texts):
    paragraphs = [p.strip() for text in texts for p in text.split("\n\n") if p.strip()]
    out = ["A long page of many paragraphs"]
    for index in range(PARAGRAPHS):
        paragraph = paragraphs[index % len(paragraphs)]
        # Every third paragraph is an exact copy of an earlier one; the others differ by a number.
        out.append(paragraph if index % 3 == 0 else f"{paragraph} ({index})")
    return "\n\n".join(out) + "\n"


def main():
    seeds_dir, out_dir = sys.argv[1], pathlib.Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    texts = seed_texts(seeds_dir)
    for name, build in [("line-20mb.txt", one_line), ("paragraphs-20k.txt", many_paragraphs)]:
        path = out_dir / name
        if not path.exists():
            path.write_text(build(texts), encoding="utf-8")


if __name__ == "__main__":
    main()
