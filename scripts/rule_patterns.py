#!/usr/bin/env python3
"""Prints, for ripgrep's `-f`, the patterns of the default line rules (kind `pattern`, scope
`line`) that are not anchored at the start of a line, each with `(?i)` when its rule ignores
case. A search for these has to read every byte of every line, whatever the tool, so ripgrep's
time on them is a yardstick for what the default rules cost at the least (scripts/bench.sh).

Usage: rule_patterns.py RULES_DIR"""

import pathlib
import re
import sys
import tomllib

LEADING_FLAGS = re.compile(r"^(?:\(\?[a-zA-Z-]*\))+")


def anchored_at_line_start(pattern):
    return LEADING_FLAGS.sub("", pattern).startswith("^")


def main():
    for path in sorted(pathlib.Path(sys.argv[1]).glob("*/*.toml")):
        with path.open("rb") as file:
            rule = tomllib.load(file)
        check = rule.get("check", {})
        if rule.get("kind") != "pattern" or check.get("scope", "line") != "line":
            continue
        flags = "(?i)" if check.get("ignore-case", True) else ""
        for pattern in check.get("patterns", []):
            if not anchored_at_line_start(pattern):
                print(flags + pattern)


if __name__ == "__main__":
    main()
