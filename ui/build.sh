#!/usr/bin/env bash
# Builds the web UI into the directory $1 with the Node.js and npm on PATH (Maven runs this in the
# ui module). Installs the locked packages when package-lock.json changed; skips a build whose
# sources did not change since the last one.
set -euo pipefail
cd "$(dirname "$0")"
out="${1:?usage: build.sh OUTPUT_DIRECTORY}"
stamp="target/ui-build.stamp"

fail() { echo "sightline ui: $*" >&2; exit 1; }
command -v node >/dev/null 2>&1 || fail "building the web UI needs Node.js 20.19 or newer and npm, and there is no 'node' on PATH; install Node.js 20+ (with npm) and build again"
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' \
  || fail "building the web UI needs Node.js 20.19 or newer; 'node' on PATH is $(node --version)"
command -v npm >/dev/null 2>&1 || fail "building the web UI needs npm beside Node.js $(node --version), and there is no 'npm' on PATH"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "sightline ui: installing the locked npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
if [ -f "$stamp" ] && [ -f "$out/index.html" ] \
   && [ -z "$(find src public index.html package.json package-lock.json vite.config.ts tsconfig.json scripts build.sh -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  echo "sightline ui: up to date in $out"
  exit 0
fi
echo "sightline ui: building into $out"
SIGHTLINE_UI_OUT="$out" npm run --silent build
mkdir -p "$(dirname "$stamp")"
touch "$stamp"
