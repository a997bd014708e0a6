#!/usr/bin/env bash
# Log lines: stderr only; --log-format json gives one JSON object per line (even for awkward
# text); colour only on a terminal and never with --no-color or NO_COLOR; --level filters.
source "$(dirname "$0")/common.sh"

run "$SERVICEFULL" --log-format json --level trace synth
expect_rc 0
expect_json_lines "$TMP/err"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/out" || fail "stdout of synth is not the template"

run "$TEST_SERVICE" --log-format json --level trace chatty
expect_rc 0
[ "$(cat "$TMP/out")" = "chatty done" ] || fail "log lines leaked into the task's stdout"
expect_json_lines "$TMP/err"
[ "$(wc -l <"$TMP/err")" -eq 5 ] || fail "expected 5 JSON lines (one per level), got $(wc -l <"$TMP/err")"
python3 - "$TMP/err" <<'PY' || fail "JSON log content is wrong"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert [l["level"] for l in lines] == ["trace", "debug", "info", "warn", "error"], lines
info = lines[2]
assert info["task"] == "chatty" and info["count"] == 3, info
assert info["detail"].startswith('quote " backslash \\ newline \n tab \t emoji \U0001F389 bad byte'), info
PY

run "$TEST_SERVICE" --level warn chatty
expect_rc 0
[ "$(wc -l <"$TMP/err")" -eq 2 ] || fail "--level warn should leave 2 lines"
expect_stderr_contains "WARN  warn task=chatty"

run "$TEST_SERVICE" --level off chatty
expect_rc 0
expect_stderr_empty

# Not a terminal: no colour.
run "$SERVICEFULL" synth
grep -q $'\x1b\[' "$TMP/err" && fail "colour codes although stderr is a file"

# A terminal (script(1) gives the program a pty): colour, unless --no-color or NO_COLOR.
if ! command -v script >/dev/null; then
  echo "script(1) not installed: terminal colour checks skipped"
  echo "ok"
  exit 0
fi
tty_run() { TERM=xterm script -qec "$1" /dev/null >"$TMP/tty" 2>&1 || true; }
tty_run "'$SERVICEFULL' synth"
grep -q $'\x1b\[' "$TMP/tty" || fail "no colour on a terminal"
tty_run "'$SERVICEFULL' --no-color synth"
grep -q $'\x1b\[' "$TMP/tty" && fail "colour despite --no-color"
tty_run "NO_COLOR=1 '$SERVICEFULL' synth"
grep -q $'\x1b\[' "$TMP/tty" && fail "colour despite NO_COLOR"
tty_run "'$SERVICEFULL' --log-format json synth 2>'$TMP/json-err' >/dev/null"
grep -q $'\x1b\[' "$TMP/json-err" && fail "JSON lines must never be coloured"
echo "ok"
