#!/usr/bin/env bash
# Screenshots of the built site with headless Chromium: index, a day, a topic and a paper
# page, each at 1280 px (desktop) and 390 px (phone) wide, in light and dark schemes.
#   scripts/screenshots.sh [PUBLIC_DIR] [OUT_DIR]
set -euo pipefail
public=${1:-Public}
out=${2:-screenshots}
mkdir -p "$out"
browser=$(command -v chromium || command -v chromium-browser || true)
[[ -n $browser ]] || { echo "chromium is not installed (apt-get install chromium)" >&2; exit 1; }
public=$(cd "$public" && pwd)

# (|| true: `head` closing the pipe early is not a failure.)
day=$(ls "$public/days" | grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' | tail -1 || true)
topic=$(ls "$public/topics" | grep -v -E '\.(xml|html)$' | head -1 || true)
paper=$(ls "$public/papers" | head -1 || true)
[[ -n $day && -n $topic && -n $paper ]] || { echo "$public has no day, topic or paper page: run make site first" >&2; exit 1; }
pages=("index:index.html" "day:days/$day/index.html" "topic:topics/$topic/index.html" "paper:papers/$paper/index.html")

for entry in "${pages[@]}"; do
  name=${entry%%:*}
  page=${entry#*:}
  for width in 1280 390; do
    for scheme in light dark; do
      file="$out/$name-$width-$scheme.png"
      "$browser" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --blink-settings=preferredColorScheme=$([[ $scheme == dark ]] && echo 0 || echo 1) \
        --window-size="$width,1600" --screenshot="$file" "file://$public/$page" >/dev/null 2>&1
      echo "$file"
    done
  done
done
