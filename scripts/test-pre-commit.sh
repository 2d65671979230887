#!/usr/bin/env bash
# Installs the hooks of .pre-commit-hooks.yaml with pre-commit into a temporary git repository,
# from this checkout's HEAD, and checks that `seedlint` fails on a noisy seed and `seedlint-fix`
# fixes it. Needs git, python3 (pip installs pre-commit when it is missing) and cargo.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
rev=$(git -C "$repo" rev-parse HEAD)
command -v pre-commit >/dev/null 2>&1 || python3 -m pip install --quiet pre-commit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
git init --quiet
git config user.email ci@example.invalid
git config user.name ci
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: seedlint
      - id: seedlint-fix
        stages: [manual]
YAML
printf 'Harbour repairs to start in May\n\nPublished: 2026-02-04\n\nBy Jane Doe\n\nThe council approved the repair of the harbour wall on Tuesday, after a long debate.\n\nViews: 254\n' > seed.txt
git add .pre-commit-config.yaml seed.txt
export PRE_COMMIT_HOME="$work/.cache"
if pre-commit run seedlint --files seed.txt; then
  echo "FAIL: the seedlint hook passed a noisy seed" >&2
  exit 1
fi
pre-commit run seedlint-fix --hook-stage manual --files seed.txt || true
if grep -q 'Views: 254' seed.txt; then
  echo "FAIL: the seedlint-fix hook left the counter in" >&2
  exit 1
fi
pre-commit run seedlint --files seed.txt
echo "pre-commit hooks: 2 passed, 0 failed"
