#!/usr/bin/env bash
# Benchmark Paperboy against Hugo on a generated archive.
#
#   Benchmarks/run.sh small|medium|large        (make bench SIZE=...)
#
# Environment: RUNS (timed runs per tool, default 3), WARMUP (untimed runs
# per tool first, default 1), SEED (corpus seed), KEEP=1 (keep the outputs in
# /dev/shm/paperboy-bench/SIZE/work), PAPERBOY=/path/to/binary (skip
# `swift build`), BENCH_SAMPLE (sample feed, default the test fixture).
#
# Everything large lives on /dev/shm/paperboy-bench/SIZE; nothing is written
# under the repository except SwiftPM's .build. Results: printed at the end
# and written to /dev/shm/paperboy-bench/SIZE/results.txt.
set -euo pipefail

die() { echo "run.sh: $*" >&2; exit 1; }
say() { echo "==> $*" >&2; }

SIZE=${1:-}
case "$SIZE" in
    small)  DAYS=10;   PER_DAY=50 ;;
    medium) DAYS=100;  PER_DAY=100 ;;
    large)  DAYS=1000; PER_DAY=100 ;;
    *) echo "usage: Benchmarks/run.sh small|medium|large" >&2; exit 2 ;;
esac
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-1}
SEED=${SEED:-20241126}
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "WARMUP must be a non-negative integer (got '$WARMUP')"
[[ "$SEED" =~ ^[0-9]+$ ]] || die "SEED must be a non-negative integer (got '$SEED')"
((BASH_VERSINFO[0] >= 5)) || die "bash 5 or later is needed (EPOCHREALTIME)"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BENCHDIR=Benchmarks
SAMPLE=${BENCH_SAMPLE:-Tests/Fixtures/trending-2026-11-26.txt}
[[ -f "$SAMPLE" ]] || die "sample feed $SAMPLE not found (set BENCH_SAMPLE)"

# ---------------------------------------------------------------- tools ----
scripts/ensure-deps.sh bench || die "the benchmark needs GNU time, hugo and python3 (see above)"
/usr/bin/time -f '%e' true 2>/dev/null >/dev/null ||
    die "/usr/bin/time is not GNU time (needs -f): apt-get install time"
[[ -d /dev/shm && -w /dev/shm ]] || die "/dev/shm is not writable"

if [[ -n "${PAPERBOY:-}" ]]; then
    [[ -x "$PAPERBOY" ]] || die "PAPERBOY=$PAPERBOY is not executable"
else
    say "swift build -c release"
    swift build -c release >&2 || die "swift build -c release failed"
    PAPERBOY="$(swift build -c release --show-bin-path)/paperboy"
    [[ -x "$PAPERBOY" ]] || die "no paperboy binary at $PAPERBOY after swift build"
fi
PAPERBOY=$(cd "$(dirname "$PAPERBOY")" && pwd)/$(basename "$PAPERBOY")

# ------------------------------------------------------------ directories --
BENCH=/dev/shm/paperboy-bench/$SIZE
CORPUS=$BENCH/corpus           # cached between runs
EXTRA=$BENCH/extra             # cached: the day after the corpus
SITE=$BENCH/hugo-site          # cached: the Hugo site of the corpus
WORK=$BENCH/work               # everything else, rebuilt every run
TIMES=$WORK/times
mkdir -p "$BENCH"
rm -rf "$WORK"
mkdir -p "$WORK" "$TIMES"
RESULTS=$BENCH/results.txt

gen_key() {
    echo "days=$DAYS per_day=$PER_DAY seed=$SEED"
    sha1sum "$BENCHDIR/generate_corpus.py" "$SAMPLE" | cut -d' ' -f1
}
KEY=$(gen_key)

if [[ "$(cat "$CORPUS/.complete" 2>/dev/null)" != "$KEY" ]]; then
    say "generating corpus: $DAYS days x $PER_DAY papers -> $CORPUS"
    rm -rf "$CORPUS" "$CORPUS.tmp"
    python3 "$BENCHDIR/generate_corpus.py" --days "$DAYS" --per-day "$PER_DAY" \
        --seed "$SEED" --sample "$SAMPLE" --out "$CORPUS.tmp"
    echo "$KEY" >"$CORPUS.tmp/.complete"
    mv "$CORPUS.tmp" "$CORPUS"
fi
if [[ "$(cat "$EXTRA/.complete" 2>/dev/null)" != "$KEY" ]]; then
    say "generating the extra day -> $EXTRA"
    rm -rf "$EXTRA" "$EXTRA.tmp"
    python3 "$BENCHDIR/generate_corpus.py" --days "$DAYS" --per-day "$PER_DAY" \
        --seed "$SEED" --sample "$SAMPLE" --out "$EXTRA.tmp" --extra-day
    echo "$KEY" >"$EXTRA.tmp/.complete"
    mv "$EXTRA.tmp" "$EXTRA"
fi
FEEDS=("$CORPUS"/*.txt)
EXTRA_FEED=$(ls "$EXTRA"/*.txt)
((${#FEEDS[@]} == DAYS)) || die "expected $DAYS feeds in $CORPUS, found ${#FEEDS[@]}"

# Both tools file papers under the topics of the repository's Content/topics.yml.
TOPICS=Content/topics.yml
[[ -f "$TOPICS" ]] || die "$TOPICS not found (the topic rules both sites use)"
SITE_KEY="$KEY $(sha1sum "$BENCHDIR/make_hugo_site.py" "$TOPICS" | cut -d' ' -f1 | tr '\n' ' ')"
SITE_GEN="cached"
if [[ "$(cat "$SITE/.complete" 2>/dev/null)" != "$SITE_KEY" ]]; then
    say "generating the Hugo site -> $SITE"
    rm -rf "$SITE"
    t0=$EPOCHREALTIME
    python3 "$BENCHDIR/make_hugo_site.py" --corpus "$CORPUS" --out "$SITE" --topics "$TOPICS"
    SITE_GEN=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.2f s", b-a}')
    echo "$SITE_KEY" >"$SITE/.complete"
fi

# ----------------------------------------------------------------- timing --
# timed LABEL CMD...: run CMD under GNU time; append "wall user sys maxrss_kib"
# to $TIMES/LABEL. Wall is measured with bash's EPOCHREALTIME (microseconds;
# GNU time's %e has only 10 ms resolution), CPU and peak memory come from GNU
# time. Output of CMD goes to $WORK/LABEL.log. A failure stops the benchmark.
timed() {
    local label=$1; shift
    local t0 t1 status=0
    t0=$EPOCHREALTIME
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.out" "$@" >>"$WORK/$label.log" 2>&1 || status=$?
    t1=$EPOCHREALTIME
    if ((status != 0)); then
        echo "run.sh: '$*' failed with status $status; last lines of $WORK/$label.log:" >&2
        tail -n 20 "$WORK/$label.log" >&2
        exit 1
    fi
    tail -n 1 "$WORK/time.out" |
        awk -v a="$t0" -v b="$t1" '{printf "%.4f %s %s %s\n", b-a, $2, $3, $4}' >>"$TIMES/$label"
}

# quiet CMD...: run CMD untimed, log output, stop on failure.
quiet() {
    local label=$1; shift
    "$@" >>"$WORK/$label.log" 2>&1 || {
        echo "run.sh: '$*' failed; last lines of $WORK/$label.log:" >&2
        tail -n 20 "$WORK/$label.log" >&2
        exit 1
    }
}

# median_of: the median of the numbers on standard input, or n/a when there are none.
median_of() {
    sort -g |
        awk '{ a[NR] = $1 } END { if (!NR) { print "n/a"; exit }
                                 m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.3f", m }'
}

# median FILE wall|cpu|mem: median over the runs (seconds, seconds, MiB).
median() {
    awk -v what="$2" '{ if (what == "wall") v = $1; else if (what == "cpu") v = $2 + $3;
                        else v = $4 / 1024; print v }' "$1" | median_of
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

# ------------------------------------------------------------------ content --
CONTENT=$WORK/content
mkdir -p "$CONTENT"
cat >"$CONTENT/site.yml" <<'EOF'
title: "Bench"
description: "Benchmark archive"
base_url: "https://example.org/"
language: "en"
author: "Bench"
feed_items: 50
EOF
cp "$TOPICS" "$CONTENT/topics.yml"

say "paperboy ingest: ${#FEEDS[@]} feeds"
timed ingest "$PAPERBOY" ingest "${FEEDS[@]}" --content "$CONTENT"
PB_PAPERS=$(find "$CONTENT/papers" -name '*.md' 2>/dev/null | wc -l)
PB_DAYS=$(find "$CONTENT/days" -name '*.md' 2>/dev/null | wc -l)
HUGO_PAPERS=$(find "$SITE/content/papers" -name '*.md' ! -name '_index.md' | wc -l)
((PB_DAYS == DAYS)) || say "warning: paperboy wrote $PB_DAYS day files for $DAYS feeds"
((PB_PAPERS == HUGO_PAPERS)) ||
    say "warning: paperboy has $PB_PAPERS papers, the Hugo site $HUGO_PAPERS"

# ------------------------------------------------------------ full builds --
# Paperboy's caches (parsed Content, page fingerprints) live here, on the RAM disk.
export PAPERBOY_CACHE_DIR=$WORK/cache
# Content files written less than 2 s before a command are not cached (they could still
# change within the file system's clock tick). An archive's files are days old; let the
# freshly ingested ones settle as they would.
settle() { sleep 2.1; }
settle

PB_OUT=$WORK/out-paperboy
HUGO_OUT=$WORK/out-hugo
# pb_build/hugo_build WRAPPER LABEL: a full build into a removed output folder. pb_cold also
# removes paperboy's cache: every file is parsed and every abstract rendered again.
pb_build() { rm -rf "$PB_OUT"; "$@" "$PAPERBOY" build --content "$CONTENT" --output "$PB_OUT"; }
pb_cold() { rm -rf "$PAPERBOY_CACHE_DIR"; pb_build "$@"; }
hugo_build() { rm -rf "$HUGO_OUT"; "$@" hugo --quiet -s "$SITE" -d "$HUGO_OUT"; }

for ((i = 1; i <= WARMUP; i++)); do
    say "warm-up $i/$WARMUP"
    pb_build quiet warmup-paperboy
    hugo_build quiet warmup-hugo
done
for ((i = 1; i <= RUNS; i++)); do
    say "full builds, run $i/$RUNS"
    pb_cold timed build-paperboy-cold
    pb_build timed build-paperboy
    hugo_build timed build-hugo
done

# The I/O floor: copying paperboy's output to another folder on /dev/shm.
COPY=$WORK/out-copy
for ((i = 1; i <= RUNS; i++)); do
    rm -rf "$COPY"
    timed copy cp -r "$PB_OUT" "$COPY"
done
rm -rf "$COPY"

out_stats() {   # files and MiB of a folder
    local files bytes
    files=$(find "$1" -type f | wc -l)
    bytes=$(du -sb "$1" | cut -f1)
    awk -v f="$files" -v b="$bytes" 'BEGIN{printf "%d %.1f", f, b / 1048576}'
}
read -r PB_FILES PB_MIB <<<"$(out_stats "$PB_OUT")"
read -r HUGO_FILES HUGO_MIB <<<"$(out_stats "$HUGO_OUT")"

# ------------------------------------------------------------ incremental --
# After a full build, ingest the next day and build into the same output;
# time ingest + build together. Then check the result against a clean build.
INC_CONTENT=$WORK/inc-content
INC_OUT=$WORK/inc-out
CLEAN_OUT=$WORK/clean-out
for ((i = 1; i <= RUNS; i++)); do
    say "incremental, run $i/$RUNS: ingest $(basename "$EXTRA_FEED") + build"
    rm -rf "$INC_CONTENT" "$INC_OUT"
    cp -a "$CONTENT" "$INC_CONTENT"
    settle
    quiet inc-prepare "$PAPERBOY" build --content "$INC_CONTENT" --output "$INC_OUT"
    timed incremental bash -c '"$1" ingest "$2" --content "$3" && "$1" build --content "$3" --output "$4"' \
        _ "$PAPERBOY" "$EXTRA_FEED" "$INC_CONTENT" "$INC_OUT"
done
rm -rf "$CLEAN_OUT"
PAPERBOY_CACHE_DIR=off timed clean-build "$PAPERBOY" build --content "$INC_CONTENT" --output "$CLEAN_OUT"
if diff -r "$INC_OUT" "$CLEAN_OUT" >"$WORK/incremental.diff" 2>&1; then
    INC_CHECK=IDENTICAL
else
    INC_CHECK=DIFFERENT
fi

# -------------------------------------------------------- related papers --
# The build's own timing of its "Find related papers" step, from the logs of the runs above:
# made for every paper (no cache), resumed with nothing new (cached), one more day.
step_times() { grep -h "\] $2: " "$WORK/$1.log" 2>/dev/null | sed -nE 's/.*\(([0-9.]+) s\)$/\1/p'; }
step_median() { step_times "$@" | median_of; }
percent() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "n/a" }'; }
RELATED_COLD=$(step_median build-paperboy-cold "Find related papers")
RELATED_CACHED=$(step_median build-paperboy "Find related papers")
RELATED_DAY=$(step_median incremental "Find related papers")
RELATED_LISTS=$(grep -h "\] Find related papers: " "$WORK/incremental.log" 2>/dev/null | tail -n 1 | sed -nE 's/.*lists ([0-9]+) made or changed.*/\1/p')

# ------------------------------------------------------------------ report --
PB_WALL=$(median "$TIMES/build-paperboy" wall)
PB_COLD_WALL=$(median "$TIMES/build-paperboy-cold" wall)
HUGO_WALL=$(median "$TIMES/build-hugo" wall)
COPY_WALL=$(median "$TIMES/copy" wall)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
one() { awk -v w="$2" '{ if (w == "wall") v = $1; else if (w == "cpu") v = $2 + $3; else v = $4 / 1024; printf "%.3f", v }' "$1"; }
CORPUS_MIB=$(du -sb "$CORPUS" | awk '{printf "%.1f", $1 / 1048576}')
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo "no commit")
[[ -z "$(git status --porcelain -- Sources Package.swift Templates 2>/dev/null)" ]] || COMMIT="$COMMIT (+ local changes)"
CPU_MODEL=$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)

{
    echo "Paperboy benchmark: $SIZE ($DAYS days x $PER_DAY papers/day), $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) cores, $CPU_MODEL; paperboy $COMMIT; $(hugo version | awk '{print $1, $2}')"
    echo "corpus: $CORPUS ($DAYS feeds, $CORPUS_MIB MiB, seed $SEED); papers: paperboy $PB_PAPERS, hugo $HUGO_PAPERS"
    echo "timed runs per tool: $RUNS (after $WARMUP warm-up); medians; wall = elapsed, cpu = user + sys"
    echo "load average before / after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) (other work on the machine skews the times)"
    echo
    printf '%-34s %10s %10s %10s %8s %9s\n' "" "wall s" "cpu s" "peak MiB" "files" "out MiB"
    printf '%-34s %10s %10s %10s %8s %9s\n' "paperboy ingest (all feeds, once)" \
        "$(one "$TIMES/ingest" wall)" "$(one "$TIMES/ingest" cpu)" "$(one "$TIMES/ingest" mem)" "$PB_DAYS+$PB_PAPERS" "-"
    printf '%-34s %10s %10s %10s %8s %9s\n' "paperboy build, no cache" \
        "$PB_COLD_WALL" "$(median "$TIMES/build-paperboy-cold" cpu)" "$(median "$TIMES/build-paperboy-cold" mem)" "$PB_FILES" "$PB_MIB"
    printf '%-34s %10s %10s %10s %8s %9s\n' "paperboy build, Content cached" \
        "$PB_WALL" "$(median "$TIMES/build-paperboy" cpu)" "$(median "$TIMES/build-paperboy" mem)" "$PB_FILES" "$PB_MIB"
    printf '%-34s %10s %10s %10s %8s %9s\n' "hugo build" \
        "$HUGO_WALL" "$(median "$TIMES/build-hugo" cpu)" "$(median "$TIMES/build-hugo" mem)" "$HUGO_FILES" "$HUGO_MIB"
    printf '%-34s %10s %10s %10s %8s %9s\n' "cp -r paperboy output (I/O floor)" \
        "$COPY_WALL" "$(median "$TIMES/copy" cpu)" "$(median "$TIMES/copy" mem)" "$PB_FILES" "$PB_MIB"
    printf '%-34s %10s %10s %10s\n' "incremental: ingest 1 day + build" \
        "$(median "$TIMES/incremental" wall)" "$(median "$TIMES/incremental" cpu)" "$(median "$TIMES/incremental" mem)"
    printf '%-34s %10s %10s %10s\n' "clean build of the same content" \
        "$(one "$TIMES/clean-build" wall)" "$(one "$TIMES/clean-build" cpu)" "$(one "$TIMES/clean-build" mem)"
    echo
    echo "hugo / paperboy, no cache (median wall):       $(ratio "$HUGO_WALL" "$PB_COLD_WALL")x"
    echo "hugo / paperboy, Content cached (median wall): $(ratio "$HUGO_WALL" "$PB_WALL")x"
    echo "paperboy / cp -r floor, no cache:              $(ratio "$PB_COLD_WALL" "$COPY_WALL")x"
    echo "paperboy / cp -r floor, Content cached:        $(ratio "$PB_WALL" "$COPY_WALL")x"
    echo "related papers step (median wall s): no cache $RELATED_COLD ($(percent "$RELATED_COLD" "$PB_COLD_WALL") of the build), Content cached $RELATED_CACHED ($(percent "$RELATED_CACHED" "$PB_WALL")), one more day $RELATED_DAY (${RELATED_LISTS:-?} lists made or changed)"
    echo "incremental output vs clean build:  $INC_CHECK"
    if [[ $INC_CHECK == DIFFERENT ]]; then
        echo "  first differences (diff -r incremental clean):"
        head -n 10 "$WORK/incremental.diff" | cut -c1-160 | sed 's/^/    /'
    fi
    echo "hugo site generation (python, not timed against paperboy): $SITE_GEN"
    echo
    echo "raw runs (wall user sys maxrss_kib):"
    for f in ingest build-paperboy-cold build-paperboy build-hugo copy incremental clean-build; do
        echo "  $f: $(tr '\n' ';' <"$TIMES/$f" | sed 's/;$//; s/;/; /g')"
    done
} >"$RESULTS"

# ------------------------------------------------------------- search index --
# The search index (README, "Search"): its two build steps in the cached full builds and in the
# incremental builds (the step lines of their logs), its size and files, and what a first query
# fetches (Benchmarks/search_bytes.py replays search.js over it; with Chromium and Selenium
# there, also the time from the last keystroke to the results, chunks loaded).
search_steps() {   # search_steps LOG: per build in LOG, the seconds of the index's two steps
    awk 'function secs(line,  n, f, v) { n = split(line, f, "("); v = f[n]; sub(/ s\)$/, "", v); return v + 0 }
         /\] Index for search: .*s\)$/ { t += secs($0) }
         /\] Write the search index: .*s\)$/ { t += secs($0); print t; t = 0 }' "$1"
}
SEARCH_COLD=$(search_steps "$WORK/build-paperboy-cold.log" | median_of)
SEARCH_FULL=$(search_steps "$WORK/build-paperboy.log" | median_of)
SEARCH_INC=$(search_steps "$WORK/incremental.log" | median_of)
read -r SEARCH_FILES SEARCH_MIB <<<"$(out_stats "$PB_OUT/search")"
SEARCH_BROWSER=()
if /usr/bin/python3 -c 'import selenium' 2>/dev/null && [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    SEARCH_BROWSER=(--browser)
fi
SEARCH_QUERIES=$(/usr/bin/python3 "$BENCHDIR/search_bytes.py" "$PB_OUT" "${SEARCH_BROWSER[@]}" 2>&1) ||
    SEARCH_QUERIES="search_bytes.py failed: $SEARCH_QUERIES"
{
    echo
    echo "search index: $SEARCH_FILES files, $SEARCH_MIB MiB under search/ (whole output $PB_MIB MiB)"
    echo "  its build steps (Index for search + Write the search index), median wall:"
    echo "    full build, no cache:       $SEARCH_COLD s of $PB_COLD_WALL s ($(percent "$SEARCH_COLD" "$PB_COLD_WALL"))"
    echo "    full build, Content cached: $SEARCH_FULL s of $PB_WALL s ($(percent "$SEARCH_FULL" "$PB_WALL"))"
    echo "    ingest 1 day + build:       $SEARCH_INC s of $(median "$TIMES/incremental" wall) s"
    echo "  first query on a fresh page (search_bytes.py; bytes as served, uncompressed):"
    sed 's/^/    /' <<<"$SEARCH_QUERIES"
} >>"$RESULTS"

if [[ "${KEEP:-0}" == 1 ]]; then
    say "outputs kept in $WORK"
else
    rm -f "$BENCH/incremental.diff"
    [[ $INC_CHECK == IDENTICAL ]] || cp "$WORK/incremental.diff" "$BENCH/incremental.diff"
    rm -rf "$WORK"
fi
echo
cat "$RESULTS"
echo
echo "(written to $RESULTS)"
