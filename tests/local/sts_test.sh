# STS with the real AWS CLI: who am I with the default key, AssumeRole, then who am I with the
# temporary credentials; a wrong secret and an unknown key are refused as AWS refuses them.
source "$(dirname "$0")/common.sh"
start_local --credentials AKIAEXTRAKEY0000001:extra-secret:111122223333

awsl sts get-caller-identity
expect_rc 0
expect_json 'd["Account"]' 000000000000
expect_json 'd["Arn"]' 'arn:aws:iam::000000000000:root'

REGION=eu-central-1 KEY=AKIAEXTRAKEY0000001 SECRET=extra-secret awsl sts get-caller-identity
expect_rc 0
expect_json 'd["Account"]' 111122223333

awsl sts assume-role --role-arn arn:aws:iam::000000000000:role/deploy --role-session-name ci-7 --duration-seconds 900
expect_rc 0
expect_json 'd["AssumedRoleUser"]["Arn"]' 'arn:aws:sts::000000000000:assumed-role/deploy/ci-7'
expect_json 'd["Credentials"]["AccessKeyId"][:4]' ASIA
ROLE_KEY="$(json 'd["Credentials"]["AccessKeyId"]')"
ROLE_SECRET="$(json 'd["Credentials"]["SecretAccessKey"]')"
ROLE_TOKEN="$(json 'd["Credentials"]["SessionToken"]')"

KEY="$ROLE_KEY" SECRET="$ROLE_SECRET" TOKEN="$ROLE_TOKEN" awsl sts get-caller-identity
expect_rc 0
expect_json 'd["Arn"]' 'arn:aws:sts::000000000000:assumed-role/deploy/ci-7'
expect_json 'd["UserId"].endswith(":ci-7")' True

SECRET=wrong awsl sts get-caller-identity
[ "$RC" != 0 ] || fail "a wrong secret was accepted"
expect_err_contains "SignatureDoesNotMatch"

KEY=AKIANOTREGISTERED00 awsl sts get-caller-identity
[ "$RC" != 0 ] || fail "an unknown key was accepted"
expect_err_contains "InvalidClientTokenId"

awsl sts assume-role --role-arn arn:aws:iam::000000000000:role/deploy --role-session-name 'no spaces allowed'
[ "$RC" != 0 ] || fail "an invalid session name was accepted"
expect_err_contains "ValidationError"

# The tool sees what happened: status lists the keys, the request log has one line per call.
"$HOPLITE" local status --data-dir "$STATE" >"$TMP/status" || fail "status failed: $(cat "$TMP/status")"
grep -q "sts (000000000000): access_keys=1 temporary_credentials=1" "$TMP/status" || fail "status: $(cat "$TMP/status")"
"$HOPLITE" local logs --all --data-dir "$STATE" >"$TMP/logs"
[ "$(grep -c '"service":"sts"' "$TMP/logs")" = 7 ] || fail "request log: $(cat "$TMP/logs")"
grep -q '"operation":"AssumeRole","status":200' "$TMP/logs" || fail "request log lacks AssumeRole: $(cat "$TMP/logs")"
! grep -q 'Signature=' "$TMP/logs" || fail "the request log holds a signature"
echo "ok"
