#!/bin/sh
# Fuzz the feed parser and the front-matter readers for longer than CI does.
#
#   scripts/fuzz.sh [SCALE] [SEED]
#
# SCALE multiplies the executions of `swift test` (default 15, about 5 minutes; CI runs 1, about
# 20 s), SEED is a number (replays a run: every failure prints its seed and execution) or `random`
# (default; `swift test` alone uses a fixed seed). A failing input is kept in $TMPDIR/paperboy-fuzz-failure-*, and
# the input being run in $TMPDIR/paperboy-fuzz-current-<target> (after a crash: the culprit).
# Keep the interesting ones in Tests/Fixtures/fuzz-corpus/<target>-<name> (target: feed,
# frontmatter, paper, day, yaml, site, topics); `swift test --filter FuzzTests` replays them.
set -eu
cd "$(dirname "$0")/.."
PAPERBOY_FUZZ_SCALE="${1:-15}" PAPERBOY_FUZZ_SEED="${2:-random}" \
  swift test ${SCRATCH:+--scratch-path "$SCRATCH"} --filter 'FuzzTests/(feedParser|contentFiles|configuration)' 2>&1 |
  grep -E '^fuzz |✘|Test run with|↳'
