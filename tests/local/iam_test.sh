# IAM with the real AWS CLI: a role with its trust policy, description, session length and tags,
# inline and managed policies (customer and AWS managed), IAM's errors and DeleteConflict rules, the state after a restart.
source "$(dirname "$0")/common.sh"
start_local

cat >"$TMP/trust.json" <<'JSON'
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"states.amazonaws.com"},"Action":"sts:AssumeRole"}]}
JSON
cat >"$TMP/send.json" <<'JSON'
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:000000000000:jobs"}]}
JSON
cat >"$TMP/bad.json" <<'JSON'
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage"}]}
JSON

awsl iam create-role --role-name machine --assume-role-policy-document "file://$TMP/trust.json" --description "runs jobs"
expect_rc 0
expect_json 'd["Role"]["Arn"]' arn:aws:iam::000000000000:role/machine
expect_json 'd["Role"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"]' states.amazonaws.com
expect_json 'd["Role"]["RoleId"][:4]' AROA
awsl iam create-role --role-name machine --assume-role-policy-document "file://$TMP/trust.json"
[ "$RC" != 0 ] || fail "a second role of the same name was created"
expect_err_contains "EntityAlreadyExists"
awsl iam get-role --role-name machine
expect_rc 0
expect_json 'd["Role"]["Description"]' "runs jobs"
expect_json 'd["Role"]["MaxSessionDuration"]' 3600
awsl iam update-role --role-name machine --description "runs nightly jobs" --max-session-duration 7200
expect_rc 0
awsl iam tag-role --role-name machine --tags Key=team,Value=blue Key=env,Value=dev
expect_rc 0
awsl iam untag-role --role-name machine --tag-keys ENV
expect_rc 0
awsl iam list-role-tags --role-name machine
expect_rc 0
expect_json '[(t["Key"], t["Value"]) for t in d["Tags"]]' "[('team', 'blue')]"
awsl iam get-role --role-name machine
expect_rc 0
expect_json 'd["Role"]["Description"]' "runs nightly jobs"
expect_json 'd["Role"]["MaxSessionDuration"]' 7200
awsl iam update-role --role-name machine --max-session-duration 50000
[ "$RC" != 0 ] || fail "a 50,000-second session was accepted"
expect_err_contains "ValidationError"

awsl iam put-role-policy --role-name machine --policy-name send --policy-document "file://$TMP/send.json"
expect_rc 0
awsl iam put-role-policy --role-name machine --policy-name bad --policy-document "file://$TMP/bad.json"
[ "$RC" != 0 ] || fail "a policy without resources was accepted"
expect_err_contains "MalformedPolicyDocument"
awsl iam get-role-policy --role-name machine --policy-name send
expect_rc 0
expect_json 'd["PolicyDocument"]["Statement"][0]["Action"]' sqs:SendMessage
awsl iam list-role-policies --role-name machine
expect_rc 0
expect_json 'd["PolicyNames"]' "['send']"

awsl iam create-policy --policy-name read-logs \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:Get*","Resource":"*"}]}'
expect_rc 0
POLICY="$(json 'd["Policy"]["Arn"]')"
[ "$POLICY" = arn:aws:iam::000000000000:policy/read-logs ] || fail "policy ARN is $POLICY"
awsl iam attach-role-policy --role-name machine --policy-arn "$POLICY"
expect_rc 0
awsl iam attach-role-policy --role-name machine --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
expect_rc 0
awsl iam list-attached-role-policies --role-name machine
expect_rc 0
expect_json 'sorted(p["PolicyName"] for p in d["AttachedPolicies"])' "['AmazonECSTaskExecutionRolePolicy', 'read-logs']"
awsl iam get-policy --policy-arn "$POLICY"
expect_rc 0
expect_json 'd["Policy"]["AttachmentCount"]' 1
awsl iam list-policies --scope Local
expect_rc 0
expect_json '[p["PolicyName"] for p in d["Policies"]]' "['read-logs']"

awsl iam delete-role --role-name machine
[ "$RC" != 0 ] || fail "a role with policies was deleted"
expect_err_contains "DeleteConflict"

"$HOPLITE" local down --data-dir "$STATE" >/dev/null
start_local
awsl iam list-roles
expect_rc 0
expect_json '[r["RoleName"] for r in d["Roles"]]' "['machine']"
awsl iam delete-role-policy --role-name machine --policy-name send
expect_rc 0
awsl iam detach-role-policy --role-name machine --policy-arn "$POLICY"
expect_rc 0
awsl iam detach-role-policy --role-name machine --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
expect_rc 0
awsl iam delete-role --role-name machine
expect_rc 0
awsl iam delete-policy --policy-arn "$POLICY"
expect_rc 0
awsl iam get-role --role-name machine
[ "$RC" != 0 ] || fail "a deleted role was found"
expect_err_contains "NoSuchEntity"
echo "ok"
