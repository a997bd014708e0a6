# Helpers for the black-box CLI tests; sourced by every *_test.sh.
#   run CMD...          runs CMD, capturing stdout in $TMP/out, stderr in $TMP/err, exit code in $RC
#   expect_rc N         fails unless the last run exited with N
#   fail MESSAGE        fails the test
set -euo pipefail

: "${SERVICEFULL:?set SERVICEFULL to the servicefull binary (ctest does)}"
: "${TEST_SERVICE:?set TEST_SERVICE to the CLI test service binary (ctest does)}"
SOURCE_DIR="${HOPLITE_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
# The binaries under test must never fill the user's own layer cache.
export HOPLITE_CACHE_DIR="$TMP/cache"

fail() {
  echo "FAIL: $*" >&2
  if [ -f "$TMP/err" ]; then
    echo "--- stderr of the last run:" >&2
    head -c 4000 "$TMP/err" >&2
  fi
  exit 1
}

run() {
  set +e
  "$@" >"$TMP/out" 2>"$TMP/err"
  RC=$?
  set -e
  LAST="$*"
}

expect_rc() {
  [ "$RC" = "$1" ] || fail "expected exit code $1, got $RC from: $LAST"
}

expect_stdout_empty() {
  [ ! -s "$TMP/out" ] || fail "expected no stdout from: $LAST, got: $(head -c 500 "$TMP/out")"
}

expect_stderr_empty() {
  [ ! -s "$TMP/err" ] || fail "expected no stderr from: $LAST"
}

expect_stderr_contains() {
  grep -qF -- "$1" "$TMP/err" || fail "stderr of '$LAST' lacks '$1'"
}

expect_stdout_contains() {
  grep -qF -- "$1" "$TMP/out" || fail "stdout of '$LAST' lacks '$1'"
}

# Compares $TMP/out with a golden file under tests/testdata/; UPDATE_GOLDEN=1 rewrites it.
expect_stdout_golden() {
  local golden="$SOURCE_DIR/tests/testdata/$1"
  if [ "${UPDATE_GOLDEN:-}" = "1" ]; then
    mkdir -p "$(dirname "$golden")"
    cp "$TMP/out" "$golden"
    echo "updated $golden"
    return
  fi
  [ -f "$golden" ] || fail "golden file $golden is missing (create it with UPDATE_GOLDEN=1)"
  diff -u "$golden" "$TMP/out" >&2 || fail "stdout of '$LAST' differs from $1 (refresh with UPDATE_GOLDEN=1 if intended)"
}

# Fails unless every line of FILE is a JSON object with time, level and message.
expect_json_lines() {
  python3 - "$1" <<'PY' || fail "log lines of '$LAST' are not one JSON object per line"
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
if not lines:
    sys.exit("no log lines")
for n, line in enumerate(lines, 1):
    obj = json.loads(line)
    if not isinstance(obj, dict):
        sys.exit(f"line {n} is not an object: {line}")
    for key in ("time", "level", "message"):
        if key not in obj:
            sys.exit(f"line {n} has no {key}: {line}")
PY
}
