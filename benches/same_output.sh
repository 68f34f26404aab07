#!/usr/bin/env bash
# Behaviour-preserving changes (refactors, speed work) must leave every output byte for
# byte as it was. This script runs the same commands with the release binary of a base
# revision and of the working tree, over the sample in input/, a broken copy of one
# template and a generated corpus of 1 000 templates, and compares everything written:
# workbooks, JSON reports, feedback copies, templates, and the terminal output.
#
#   benches/same_output.sh [BASE-REVISION]     (default: HEAD)
#
# Exit status 0 when all is identical; the differing files are listed otherwise.
# Work files go to target/same-output/.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
base=${1:-HEAD}
work="$root/target/same-output"
mkdir -p "$work"

build() { # $1 = revision or "tree", $2 = where the binary goes
  if [ "$1" = tree ]; then
    (cd "$root" && cargo build --release --quiet)
    mkdir -p "$(dirname "$2")" && cp "$root/target/release/budget-consolidator" "$2"
  else
    local wt="$work/base-src"
    git -C "$root" worktree remove --force "$wt" 2>/dev/null || rm -rf "$wt"
    git -C "$root" worktree add --detach --quiet "$wt" "$1"
    [ -d "$work/base-target" ] && mv "$work/base-target" "$wt/target"
    (cd "$wt" && cargo build --release --quiet)
    mkdir -p "$(dirname "$2")" && cp "$wt/target/release/budget-consolidator" "$2"
    mv "$wt/target" "$work/base-target"
    git -C "$root" worktree remove --force "$wt"
  fi
}

corpus="$work/corpus-1000x30"
if [ ! -f "$corpus.expected.json" ]; then
  (cd "$root" && cargo run --release --quiet --example make_corpus -- 1000 30 "$corpus")
fi

run_all() { # $1 = binary, $2 = folder for everything it writes
  local bin=$1 out=$2
  rm -rf "$out" && mkdir -p "$out"
  cp -r "$root/input" "$out/input"
  cd "$out"
  # A folder with a file that is no workbook beside a good one.
  mkdir -p broken && printf 'not a workbook' > broken/Trasig.xlsx
  cp input/Ekonomi.xlsx broken/Ekonomi.xlsx
  local n=0
  step() { n=$((n + 1)); { "$bin" "$@" >"log-$n.out" 2>"log-$n.err"; echo "exit $?" >"log-$n.rc"; } || true; }
  step consolidate input --out plan --json plan.json
  step --lang en consolidate input --out plan-en --json plan-en.json
  step follow-up input --out fu --json fu.json --today 2023-05-05
  step --lang en follow-up input --out fu-en --json fu-en.json --today 2023-05-05
  step follow-up template input --out fc-templates
  step template --all --config input/budget.toml --out templates
  step template --area HR --budget-year 2023 --years 2023-2025 --out one-template.xlsx
  step check broken/Trasig.xlsx broken/Ekonomi.xlsx input/HR.xlsx --json check.json --feedback feedback
  step --lang en check broken/Trasig.xlsx input/HR.xlsx --json check-en.json
  step consolidate broken --out broken-out --json broken.json
  step consolidate broken --out broken-partial --partial --json broken-partial.json
  step verify plan/konsoliderad-budget-2023.xlsx
  step diff input/HR.xlsx input/Ekonomi.xlsx
  step consolidate "$corpus" --out corpus --json corpus.json -q
  step --lang en consolidate "$corpus" --out corpus-en --json corpus-en.json -q
  cd - >/dev/null
}

echo "building $base and the working tree …"
build "$base" "$work/base/budget-consolidator"
build tree "$work/tree/budget-consolidator"
echo "running both …"
run_all "$work/base/budget-consolidator" "$work/out-base"
run_all "$work/tree/budget-consolidator" "$work/out-tree"
if diff -r -q "$work/out-base" "$work/out-tree"; then
  echo "identical: every output of $base and of the working tree"
else
  echo "DIFFERENT (see above; diff -r $work/out-base $work/out-tree)"
  exit 1
fi
