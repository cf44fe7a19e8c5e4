#!/usr/bin/env bash
# Install whatever is missing to build (and, with `test`, to test) the app.
# Idempotent: a second run only checks versions and skips every install.
#   tools/setup.sh build   # Rust wasm target, trunk, wasm-bindgen-cli, npm build tools
#   tools/setup.sh test    # the above plus Chromium, ChromeDriver and playwright-core
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-build}"
say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# System packages (Debian/Ubuntu).
apt_pkgs=()
command -v python3 >/dev/null || apt_pkgs+=(python3)
command -v node >/dev/null || apt_pkgs+=(nodejs)
command -v npm >/dev/null || apt_pkgs+=(npm)
command -v brotli >/dev/null || apt_pkgs+=(brotli)
if [ "$mode" = test ]; then
  [ -x /usr/bin/chromium ] || apt_pkgs+=(chromium)
  [ -x /usr/bin/chromedriver ] || apt_pkgs+=(chromium-driver)
fi
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  say "installing ${apt_pkgs[*]} with apt-get"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq "${apt_pkgs[@]}" >/dev/null
fi

# Rust: the wasm target, trunk, and wasm-bindgen-cli at the exact version of Cargo.lock.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! trunk --version 2>/dev/null | grep -q ' 0\.21\.'; then
  say "installing trunk 0.21 (takes about 7 minutes)"
  cargo install trunk --version '~0.21' --locked
fi
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${bindgen_version}\$"; then
  say "installing wasm-bindgen-cli ${bindgen_version}"
  cargo install wasm-bindgen-cli --version "${bindgen_version}"
fi
if ! grep -q "wasm_bindgen = \"${bindgen_version}\"" Trunk.toml; then
  echo "Trunk.toml pins a wasm-bindgen other than Cargo.lock's ${bindgen_version}: update [tools] wasm_bindgen" >&2
  exit 1
fi

# npm packages, installed exactly as locked.
npm_install() {
  local dir="$1"
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_install tools
[ "$mode" = test ] && npm_install tests/e2e

# Python packages of the tests (python-pptx opens the PowerPoint deck), in a venv.
if [ "$mode" = test ]; then
  if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    say "installing python3-venv with apt-get"
    sudo_if_needed apt-get update -qq
    DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq python3-venv >/dev/null
  fi
  if [ ! -x tools/.venv/bin/python ] || [ tools/requirements-test.txt -nt tools/.venv/.installed ]; then
    say "installing tools/requirements-test.txt into tools/.venv"
    python3 -m venv tools/.venv
    tools/.venv/bin/pip install -q --disable-pip-version-check -r tools/requirements-test.txt
    touch tools/.venv/.installed
  fi
  # The warehouse scripts on the engines themselves: Debian's PostgreSQL
  # server, and Spark (PyPI pyspark) when Java is present.
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    say "installing PostgreSQL (postgresql) with apt-get"
    sudo_if_needed apt-get update -qq
    DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq postgresql >/dev/null
  fi
  if command -v java >/dev/null 2>&1; then
    if [ ! -f tools/.venv/.spark-installed ] || [ tools/requirements-spark.txt -nt tools/.venv/.spark-installed ]; then
      say "installing tools/requirements-spark.txt (pyspark, about 460 MB) into tools/.venv"
      tools/.venv/bin/pip install -q --disable-pip-version-check -r tools/requirements-spark.txt
      touch tools/.venv/.spark-installed
    fi
  else
    say "no Java: the Spark tier of the warehouse check will be skipped"
  fi
fi
say "ready ($mode)"
