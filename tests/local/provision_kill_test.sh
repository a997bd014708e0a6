#!/usr/bin/env bash
# `kill -9` of provision during the push and during the stack update, then provision again:
# it converges and nothing is duplicated (counted with the AWS CLI in every service).
# The kill is placed without timing: provision talks to the local cloud through hold_proxy.py,
# which lets the marked request through (the push's first blob upload; ExecuteChangeSet) and holds
# every later one, so provision is certainly stuck right after that request when it is killed.
source "$(dirname "$0")/common.sh"
need_provision_service
start_local
STACK=ProvisionTestService

PROXY_DIR="$TMP/proxy"
mkdir -p "$PROXY_DIR"
python3 "$(dirname "$0")/hold_proxy.py" "${ENDPOINT##*:}" "$PROXY_DIR" 2>"$TMP/proxy.err" &
PROXY_PID=$!
trap 'kill "$PROXY_PID" 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 600); do [ -s "$PROXY_DIR/port" ] && break; sleep 0.05; done
[ -s "$PROXY_DIR/port" ] || fail "the proxy did not start: $(cat "$TMP/proxy.err")"
SVC_URL="http://127.0.0.1:$(cat "$PROXY_DIR/port")"  # every provision goes through it (same image URI)

kill_provision_after() {  # kill_provision_after TEXT [VAR=VALUE...]: provision, SIGKILLed right after TEXT's request
  local marker="$1" pid
  shift
  printf '%s' "$marker" >"$PROXY_DIR/arm"
  env -i PATH=/usr/bin:/bin HOME="$TMP" HOPLITE_LOCAL_URL="$SVC_URL" HOPLITE_CACHE_DIR="$TMP/cache" "$@" \
    "$SERVICE" --local provision >"$TMP/svc.out" 2>"$TMP/svc.err" &
  pid=$!
  while [ ! -e "$PROXY_DIR/held" ]; do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" || true; LAST="provision until '$marker'"; svc_fail "provision ended before '$marker'"; }
    sleep 0.02
  done
  kill -0 "$pid" 2>/dev/null || fail "provision was not waiting on the held request"
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
  rm -f "$PROXY_DIR/held"
}

count() {  # count EXPR ARGS...: evaluates EXPR over the JSON of `aws ARGS...`
  local expr="$1"
  shift
  awsl "$@"
  expect_rc 0
  json "$expr"
}

expect_nothing_duplicated() {
  [ "$(count 'len(d["repositories"])' ecr describe-repositories)" = 1 ] || fail "not one ECR repository"
  [ "$(count 'len(d["imageDetails"])' ecr describe-images --repository-name provisiontestservice)" = 1 ] || fail "not one image"
  [ "$(count 'len([s for s in d["StackSummaries"] if s["StackStatus"] != "DELETE_COMPLETE"])' cloudformation list-stacks)" = 1 ] ||
    fail "not one stack"
  [ "$(count 'len(d["StackResources"])' cloudformation describe-stack-resources --stack-name "$STACK")" = "$RESOURCES" ] ||
    fail "the stack does not have its template's $RESOURCES resources"
  [ "$(count 'len(d["Vpcs"])' ec2 describe-vpcs --filters Name=is-default,Values=false)" = 1 ] || fail "not one VPC"
  local vpc
  vpc="$(json 'd["Vpcs"][0]["VpcId"]')"
  [ "$(count 'len(d["Subnets"])' ec2 describe-subnets --filters "Name=vpc-id,Values=$vpc")" = 2 ] || fail "not two subnets"
  [ "$(count 'len(d["InternetGateways"])' ec2 describe-internet-gateways --filters "Name=attachment.vpc-id,Values=$vpc")" = 1 ] ||
    fail "not one internet gateway"
  [ "$(count 'len(d["clusterArns"])' ecs list-clusters)" = 1 ] || fail "not one cluster"
  [ "$(count 'len(d["stateMachines"])' stepfunctions list-state-machines)" = 1 ] || fail "not one state machine"
  [ "$(count 'len(d["logGroups"])' logs describe-log-groups)" = 1 ] || fail "not one log group"
  [ "$(count 'len([r for r in d["Roles"] if r["RoleName"].startswith("'"$STACK"'-")])' iam list-roles)" = 3 ] ||
    fail "not the stack's three roles"
}

svc -- synth
[ "$RC" = 0 ] || svc_fail "synth exited $RC"
RESOURCES="$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["Resources"]))' "$TMP/svc.out")"

# 1. Killed during the push (its first blob upload answered, the rest held): the repository is
# there, no image yet, no stack. Then provision again: everything, once.
kill_provision_after "/blobs/uploads/"
[ "$(count 'len(d["repositories"])' ecr describe-repositories)" = 1 ] || fail "the killed push made no repository"
[ "$(count 'len(d["imageDetails"])' ecr describe-images --repository-name provisiontestservice)" = 0 ] ||
  fail "the killed push left an image"
awsl cloudformation describe-stacks --stack-name "$STACK"
[ "$RC" != 0 ] || fail "the provision killed during the push made a stack"
svc -- provision
[ "$RC" = 0 ] || svc_fail "provision after the killed push exited $RC"
grep -q "stack $STACK is CREATE_COMPLETE" "$TMP/svc.err" || svc_fail "no CREATE_COMPLETE"
expect_nothing_duplicated

# 2. Killed during the stack update (ExecuteChangeSet answered, the events it would follow held).
kill_provision_after "ExecuteChangeSet" HOPLITE_TEST_TASK_MEMORY=1024
svc HOPLITE_TEST_TASK_MEMORY=1024 -- provision
[ "$RC" = 0 ] || svc_fail "provision after the killed update exited $RC"
awsl cloudformation describe-stacks --stack-name "$STACK"
expect_json 'd["Stacks"][0]["StackStatus"]' UPDATE_COMPLETE
awsl cloudformation describe-stack-resource --stack-name "$STACK" --logical-resource-id TaskTaskDefinition
awsl ecs describe-task-definition --task-definition "$(json 'd["StackResourceDetail"]["PhysicalResourceId"]')"
expect_rc 0
expect_json 'd["taskDefinition"]["memory"]' 1024
expect_nothing_duplicated
# Converged: nothing left to change.
svc HOPLITE_TEST_TASK_MEMORY=1024 -- provision
[ "$RC" = 0 ] || svc_fail "the last provision exited $RC"
grep -qi "no changes" "$TMP/svc.err" || svc_fail "the last provision found something to change"

echo "ok"
