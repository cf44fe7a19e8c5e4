#!/usr/bin/env bash
# Release build into dist/ with trunk, offline (trunk never downloads tools).
set -euo pipefail
cd "$(dirname "$0")/.."
# binaryen's wasm-opt from npm (tools/node_modules) comes before Debian's.
export PATH="$PWD/tools/node_modules/.bin:$PATH"
trunk build --release --offline "$@"
for wasm in dist/*_bg.wasm; do
  printf '[build] %s: %s bytes, %s bytes brotli\n' "$(basename "$wasm")" "$(wc -c <"$wasm")" "$(brotli -c -q 11 "$wasm" | wc -c)"
done
