# Step Functions with the real AWS CLI: create/describe/list state machines, an invalid definition
# refused with AWS's InvalidDefinition, start/describe/history of an execution, StartExecution's
# name idempotency, stop — and `kill -9` of the server during a Wait: after the restart the
# execution completes with one history (ids 1..n, each event once). aws-sdk:s3 putObject then
# getObject as a role IAM allows (the object is there for `s3api get-object`), and as a role that
# may only read: the Task fails with S3.AccessDeniedException and IAM's text.
source "$(dirname "$0")/common.sh"
start_local

ROLE=arn:aws:iam::000000000000:role/machine
PASSES='{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"v.$":"$.v"},"ResultPath":"$.a","Next":"B"},"B":{"Type":"Pass","End":true}}}'
WAITS='{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":20,"Next":"P"},"P":{"Type":"Pass","End":true}}}'

awsl stepfunctions create-state-machine --name passes --definition "$PASSES" --role-arn "$ROLE"
expect_rc 0
expect_json 'd["stateMachineArn"]' 'arn:aws:states:us-east-1:000000000000:stateMachine:passes'
SM=arn:aws:states:us-east-1:000000000000:stateMachine:passes
awsl stepfunctions create-state-machine --name broken --definition '{"StartAt":"X","States":{"A":{"Type":"Pass","End":true}}}' --role-arn "$ROLE"
[ "$RC" != 0 ] || fail "an invalid definition was accepted"
expect_err_contains "InvalidDefinition"
expect_err_contains "MISSING_TRANSITION_TARGET"
awsl stepfunctions describe-state-machine --state-machine-arn "$SM"
expect_rc 0
expect_json 'd["type"]' STANDARD
expect_json 'd["status"]' ACTIVE
awsl stepfunctions list-state-machines
expect_rc 0
expect_json 'len(d["stateMachines"])' 1

awsl stepfunctions start-execution --state-machine-arn "$SM" --name run-1 --input '{"v":1}'
expect_rc 0
EXEC="$(json 'd["executionArn"]')"
[ "$EXEC" = "arn:aws:states:us-east-1:000000000000:execution:passes:run-1" ] || fail "execution ARN $EXEC"
for i in $(seq 1 100); do
  awsl stepfunctions describe-execution --execution-arn "$EXEC"
  [ "$(json 'd["status"]')" = RUNNING ] || break
  sleep 0.1
done
expect_json 'd["status"]' SUCCEEDED
expect_json 'json.loads(d["output"])' "{'v': 1, 'a': {'v': 1}}"
awsl stepfunctions get-execution-history --execution-arn "$EXEC"
expect_rc 0
expect_json '[e["type"] for e in d["events"]]' "['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']"
awsl stepfunctions start-execution --state-machine-arn "$SM" --name run-1 --input '{"v":1}'
[ "$RC" != 0 ] || fail "a finished execution's name was reused"
expect_err_contains "ExecutionAlreadyExists"

# kill -9 during a Wait (20 s: long enough that a loaded machine still sees the Wait entered and not
# yet exited before the kill).
awsl stepfunctions create-state-machine --name waits --definition "$WAITS" --role-arn "$ROLE"
expect_rc 0
awsl stepfunctions start-execution --state-machine-arn arn:aws:states:us-east-1:000000000000:stateMachine:waits --name durable --input '{"k":"v"}'
expect_rc 0
DURABLE="$(json 'd["executionArn"]')"
for i in $(seq 1 100); do
  awsl stepfunctions get-execution-history --execution-arn "$DURABLE"
  [ "$(json 'len(d["events"])')" -lt 2 ] || break
  sleep 0.1
done
expect_json '[e["type"] for e in d["events"]]' "['ExecutionStarted', 'WaitStateEntered']"
PID="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pid"])' "$STATE/server.json")"
kill -9 "$PID"
for i in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.05; done
start_local
for i in $(seq 1 200); do
  awsl stepfunctions describe-execution --execution-arn "$DURABLE"
  [ "$(json 'd["status"]')" = RUNNING ] || break
  sleep 0.1
done
expect_json 'd["status"]' SUCCEEDED
expect_json 'json.loads(d["output"])' "{'k': 'v'}"
awsl stepfunctions get-execution-history --execution-arn "$DURABLE"
expect_rc 0
expect_json '[e["type"] for e in d["events"]]' "['ExecutionStarted', 'WaitStateEntered', 'WaitStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']"
expect_json '[e["id"] for e in d["events"]]' "[1, 2, 3, 4, 5, 6]"

awsl stepfunctions start-execution --state-machine-arn arn:aws:states:us-east-1:000000000000:stateMachine:waits --name stopped
expect_rc 0
awsl stepfunctions stop-execution --execution-arn arn:aws:states:us-east-1:000000000000:execution:waits:stopped --error Cancelled --cause "by the test"
expect_rc 0
awsl stepfunctions describe-execution --execution-arn arn:aws:states:us-east-1:000000000000:execution:waits:stopped
expect_json 'd["status"]' ABORTED
expect_json 'd["error"]' Cancelled

# --- aws-sdk:s3, IAM enforced ---
wait_done() {
  for i in $(seq 1 100); do
    awsl stepfunctions describe-execution --execution-arn "$1"
    [ "$(json 'd["status"]')" = RUNNING ] || break
    sleep 0.1
  done
}
cat >"$TMP/trust.json" <<'JSON'
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"states.amazonaws.com"},"Action":"sts:AssumeRole"}]}
JSON
cat >"$TMP/s3rw.json" <<'JSON'
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],"Resource":"arn:aws:s3:::sdk-bucket/*"}]}
JSON
cat >"$TMP/s3ro.json" <<'JSON'
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::sdk-bucket/*"}]}
JSON
for role in s3rw s3ro; do
  awsl iam create-role --role-name "$role" --assume-role-policy-document "file://$TMP/trust.json"
  expect_rc 0
  awsl iam put-role-policy --role-name "$role" --policy-name p --policy-document "file://$TMP/$role.json"
  expect_rc 0
done
awsl s3api create-bucket --bucket sdk-bucket
expect_rc 0
SDK='{"StartAt":"Put","States":{
 "Put":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:putObject","Parameters":{"Bucket":"sdk-bucket","Key.$":"$.key","Body.$":"$.body"},"ResultPath":"$.put","Next":"Get"},
 "Get":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:getObject","Parameters":{"Bucket":"sdk-bucket","Key.$":"$.key"},"ResultSelector":{"Body.$":"$.Body","ETag.$":"$.ETag"},"End":true}}}'
for role in s3rw s3ro; do
  awsl stepfunctions create-state-machine --name "sdk-$role" --definition "$SDK" --role-arn "arn:aws:iam::000000000000:role/$role"
  expect_rc 0
done
awsl stepfunctions start-execution --state-machine-arn arn:aws:states:us-east-1:000000000000:stateMachine:sdk-s3rw --input '{"key":"greeting.json","body":{"hello":"world"}}'
expect_rc 0
wait_done "$(json 'd["executionArn"]')"
expect_json 'd["status"]' SUCCEEDED
expect_json 'json.loads(d["output"])["Body"]' '{"hello":"world"}'
ETAG="$(json 'json.loads(d["output"])["ETag"]')"
awsl s3api get-object --bucket sdk-bucket --key greeting.json "$TMP/greeting.json"
expect_rc 0
expect_json 'd["ETag"]' "$ETAG"
[ "$(cat "$TMP/greeting.json")" = '{"hello":"world"}' ] || fail "the object holds $(cat "$TMP/greeting.json")"
awsl stepfunctions start-execution --state-machine-arn arn:aws:states:us-east-1:000000000000:stateMachine:sdk-s3ro --input '{"key":"denied.json","body":"x"}'
expect_rc 0
wait_done "$(json 'd["executionArn"]')"
expect_json 'd["status"]' FAILED
expect_json 'd["error"]' S3.AccessDeniedException
case "$(json 'd["cause"]')" in *"is not authorized to perform: s3:PutObject"*"(Service: S3, Status Code: 403"*) ;; *) fail "the cause is not IAM's AccessDenied: $(json 'd["cause"]')" ;; esac
awsl s3api head-object --bucket sdk-bucket --key denied.json
[ "$RC" != 0 ] || fail "the denied putObject wrote the object"
echo "ok"
