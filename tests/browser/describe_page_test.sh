#!/usr/bin/env bash
# describe's page in a real browser: the example service's page and a generated 200-resource
# service's page are opened from disk in headless Chromium with the network blocked, and
# describe_page.cjs checks them (no console errors, no request leaving the file, one node per
# resource and per state, clicking shows details, no overlapping labels) and saves light and dark
# screenshots under $HOPLITE_BINARY_DIR/tests/browser/screenshots for a person to look at.
set -euo pipefail
: "${SERVICEFULL:?set SERVICEFULL (ctest does)}"
: "${BIG_SERVICE:?set BIG_SERVICE (ctest does)}"
SOURCE_DIR="${HOPLITE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
BINARY_DIR="${HOPLITE_BINARY_DIR:-$SOURCE_DIR/build}"

chromium="$(command -v chromium || true)"
if [ -z "$chromium" ]; then
  echo "SKIP: chromium is not installed (Debian package chromium; scripts/setup installs it)"
  exit 77
fi
command -v node >/dev/null || { echo "FAIL: node is not installed (scripts/setup installs it)" >&2; exit 1; }
[ -d "$SOURCE_DIR/tools/browser/node_modules/playwright-core" ] ||
  { echo "FAIL: tools/browser/node_modules/playwright-core is missing: run scripts/setup" >&2; exit 1; }
command -v dot >/dev/null || { echo "FAIL: Graphviz's dot is missing (Debian package graphviz): run scripts/setup" >&2; exit 1; }

out="$BINARY_DIR/tests/browser"
shots="$out/screenshots"
mkdir -p "$shots"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The example's page with its image computed (a small stand-in binary keeps it quick: the image
# section is the same code whatever the binary), and the generated service's page.
"$SERVICEFULL" --build-id browser-test synth --out "$work/servicefull.template.json" 2>/dev/null
"$SERVICEFULL" --build-id browser-test describe --binary /bin/true --out "$out/servicefull.html" 2>"$work/err" ||
  { cat "$work/err" >&2; exit 1; }
"$BIG_SERVICE" --build-id browser-test synth --out "$work/big.template.json" 2>/dev/null
start=$(date +%s%N)
"$BIG_SERVICE" --build-id browser-test describe --no-image --out "$out/big.html" 2>"$work/err" ||
  { cat "$work/err" >&2; exit 1; }
echo "describe of the 200-resource service: $(( ($(date +%s%N) - start) / 1000000 )) ms"

node "$SOURCE_DIR/tests/browser/describe_page.cjs" --modules "$SOURCE_DIR/tools/browser/node_modules" \
  --chromium "$chromium" --shots "$shots" \
  "servicefull=$out/servicefull.html=$work/servicefull.template.json" \
  "big=$out/big.html=$work/big.template.json"
echo "screenshots: $shots"
