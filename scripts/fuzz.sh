#!/bin/sh
# Fuzz the feed parser and the front-matter readers for longer than CI does.
#
#   scripts/fuzz.sh [SECONDS] [SEED]
#
# SECONDS is the whole run (default 300; CI runs 20 as part of `swift test`), SEED replays a run
# (every run prints its seeds). A failing input is kept in $TMPDIR/paperboy-fuzz-failure-*, and
# the input being run in $TMPDIR/paperboy-fuzz-current-<target> (after a crash: the culprit).
# Keep the interesting ones in Tests/Fixtures/fuzz-corpus/<target>-<name> (target: feed,
# frontmatter, paper, day, yaml, site, topics); `swift test --filter FuzzTests` replays them.
set -eu
cd "$(dirname "$0")/.."
PAPERBOY_FUZZ_SECONDS="${1:-300}" ${2:+PAPERBOY_FUZZ_SEED="$2"} \
  swift test ${SCRATCH:+--scratch-path "$SCRATCH"} --filter 'FuzzTests/(feedParser|contentFiles|configuration)' 2>&1 |
  grep -E '^fuzz |✘|Test run with|↳'
