#!/usr/bin/env bash
# synth is pure: the same bytes whoever runs it, wherever and whenever; the output is a JSON
# template; --out writes it atomically and a failing synth leaves no file.
source "$(dirname "$0")/common.sh"

mkdir -p "$TMP/a" "$TMP/b/deeper"
(cd "$TMP/a" && env USER=alice LOGNAME=alice TZ=UTC LANG=C.UTF-8 HOME="$TMP/a" "$SERVICEFULL" synth >"$TMP/one.json" 2>/dev/null) ||
  fail "synth failed in $TMP/a"
sleep 1.1  # a different second on the clock
(cd "$TMP/b/deeper" && env USER=bob LOGNAME=bob TZ=Pacific/Chatham LANG=C HOME="$TMP/b" "$SERVICEFULL" synth >"$TMP/two.json" 2>/dev/null) ||
  fail "synth failed in $TMP/b/deeper"
(cd "$SOURCE_DIR" && env TZ=America/New_York "$SERVICEFULL" --build-id other synth >"$TMP/three.json" 2>/dev/null) ||
  fail "synth failed in the source dir"
cmp "$TMP/one.json" "$TMP/two.json" || fail "synth differs between runs (user, TZ, directory, time)"
cmp "$TMP/one.json" "$TMP/three.json" || fail "synth differs with another build id / directory"
for name in alice bob; do
  grep -q "$name" "$TMP/one.json" && fail "the user name leaked into the template"
done

python3 - "$TMP/one.json" <<'PY' || fail "synth output is not a CloudFormation JSON template"
import json, sys
t = json.load(open(sys.argv[1], encoding="utf-8"))
assert t["AWSTemplateFormatVersion"] == "2010-09-09", t
assert t["Resources"], "no resources"
assert any(r["Type"] == "AWS::SNS::Topic" for r in t["Resources"].values()), t["Resources"]
PY

# --out: the file holds exactly what stdout would, and nothing else is left in the directory.
mkdir -p "$TMP/outdir"
run "$SERVICEFULL" synth --out "$TMP/outdir/template.json"
expect_rc 0
expect_stdout_empty
cmp "$TMP/one.json" "$TMP/outdir/template.json" || fail "--out wrote something else than stdout shows"
[ "$(ls -A "$TMP/outdir")" = "template.json" ] || fail "temporary files left behind: $(ls -A "$TMP/outdir")"

# A failing synth: exit 1 with the reason, no new file, an existing file untouched.
run env HOPLITE_CLI_TEST_REJECT=1 "$TEST_SERVICE" synth --out "$TMP/outdir/rejected.json"
expect_rc 1
expect_stderr_contains "[app.hooks.201] validator 'reject on request' rejected the template"
[ ! -e "$TMP/outdir/rejected.json" ] || fail "a failing synth left a file"
echo "previous" >"$TMP/outdir/keep.json"
run env HOPLITE_CLI_TEST_REJECT=1 "$TEST_SERVICE" synth --out "$TMP/outdir/keep.json"
expect_rc 1
[ "$(cat "$TMP/outdir/keep.json")" = "previous" ] || fail "a failing synth changed an existing file"
[ "$(ls -A "$TMP/outdir" | sort | tr '\n' ' ')" = "keep.json template.json " ] || fail "leftovers: $(ls -A "$TMP/outdir")"

# An unwritable destination is a runtime failure (1), not a crash.
run "$SERVICEFULL" synth --out "$TMP/no/such/dir/t.json"
expect_rc 1
expect_stderr_contains "t.json"
echo "ok"
