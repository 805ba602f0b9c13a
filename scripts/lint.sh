#!/usr/bin/env bash
# The code style check: swift-format (part of the Swift toolchain) in strict mode with the
# committed .swift-format, over every Swift file. `scripts/lint.sh --fix` formats in place.
set -euo pipefail
cd "$(dirname "$0")/.."
files=(Package.swift Sources Tests)
if [[ ${1:-} == --fix ]]; then
    swift format format --in-place --recursive --configuration .swift-format "${files[@]}"
    exit 0
fi
if ! swift format --version >/dev/null 2>&1; then
    echo "lint: 'swift format' is not in this Swift toolchain (it ships with Swift 6)" >&2
    exit 1
fi
out=$(swift format lint --strict --recursive --configuration .swift-format "${files[@]}" 2>&1) || true
if [[ -n $out ]]; then
    echo "$out" >&2
    echo "lint: $(grep -c ': error: \|: warning: ' <<<"$out") problem(s); scripts/lint.sh --fix formats the files" >&2
    exit 1
fi
echo "lint: every Swift file follows .swift-format"
