# hoplite local up/status/down/reset/logs as a user runs them: readiness, restart keeps state,
# one server per state directory, reset only with the server down.
source "$(dirname "$0")/common.sh"

"$HOPLITE" local status --data-dir "$STATE" >"$TMP/out" 2>&1 && fail "status succeeded with no server"
grep -q "not running" "$TMP/out" || fail "status: $(cat "$TMP/out")"

start_local
first="$ENDPOINT"
curl -sf "$ENDPOINT/_hoplite/health" >/dev/null || fail "up returned before the server answered"
"$HOPLITE" local up --port 0 --data-dir "$STATE" >"$TMP/out" || fail "a second up failed: $(cat "$TMP/out")"
grep -q "already running on $first" "$TMP/out" || fail "second up: $(cat "$TMP/out")"

awsl sts assume-role --role-arn arn:aws:iam::000000000000:role/r --role-session-name keep
expect_rc 0
ROLE_KEY="$(json 'd["Credentials"]["AccessKeyId"]')"
ROLE_SECRET="$(json 'd["Credentials"]["SecretAccessKey"]')"
ROLE_TOKEN="$(json 'd["Credentials"]["SessionToken"]')"

"$HOPLITE" local reset --data-dir "$STATE" >"$TMP/out" 2>&1 && fail "reset succeeded while running"
grep -q "stop it first" "$TMP/out" || fail "reset: $(cat "$TMP/out")"

"$HOPLITE" local down --data-dir "$STATE" >"$TMP/out" || fail "down failed"
grep -q "stopped" "$TMP/out" || fail "down: $(cat "$TMP/out")"
! curl -sf "$first/_hoplite/health" >/dev/null 2>&1 || fail "the server still answers after down"
"$HOPLITE" local down --data-dir "$STATE" >"$TMP/out" || fail "a second down failed"

start_local   # the same state directory: the temporary credentials are still valid
KEY="$ROLE_KEY" SECRET="$ROLE_SECRET" TOKEN="$ROLE_TOKEN" awsl sts get-caller-identity
expect_rc 0
expect_json 'd["Arn"]' 'arn:aws:sts::000000000000:assumed-role/r/keep'

"$HOPLITE" local reset --force --data-dir "$STATE" >"$TMP/out" || fail "reset --force failed: $(cat "$TMP/out")"
[ ! -e "$STATE/state.db" ] || fail "reset left the database"
ENDPOINT=""
start_local
KEY="$ROLE_KEY" SECRET="$ROLE_SECRET" TOKEN="$ROLE_TOKEN" awsl sts get-caller-identity
[ "$RC" != 0 ] || fail "credentials survived a reset"
expect_err_contains "InvalidClientTokenId"

# A port that is taken is a clear error, not a second server.
port="${ENDPOINT##*:}"
"$HOPLITE" local up --port "$port" --data-dir "$TMP/other" >"$TMP/out" 2>&1 && fail "up on a taken port succeeded"
grep -q "127.0.0.1:$port" "$TMP/out" || fail "taken port: $(cat "$TMP/out")"
echo "ok"
