#!/usr/bin/env bash
# The main job on the local cloud, as a user runs it: the example service's own binary provisions
# itself (image built and pushed to the local ECR, template deployed through a change set),
# executes its state machine (the fargateTask runs as a real container pulled from that ECR, its
# output streamed back; then SNS), reports its status, and deletes everything. The AWS CLI checks
# what exists in between, and that the machine role hoplite derived was enough (IAM is enforced).
source "$(dirname "$0")/common.sh"

SERVICEFULL="${HOPLITE_SERVICEFULL:-}"
[ -n "$SERVICEFULL" ] && [ -x "$SERVICEFULL" ] || { echo "SKIP: examples are not built" >&2; exit 77; }
command -v crun >/dev/null || { echo "SKIP: crun is not installed" >&2; exit 77; }
[ "$(id -u)" = 0 ] || { echo "SKIP: the local cloud runs containers with crun as root only" >&2; exit 77; }
start_local

svc() {  # svc ARGS...: the service binary against this local cloud; output in $TMP/svc.out/.err, code in $RC
  set +e
  env -i PATH=/usr/bin:/bin HOME="$TMP" HOPLITE_LOCAL_URL="$ENDPOINT" HOPLITE_CACHE_DIR="$TMP/cache" \
    "$SERVICEFULL" --local "$@" >"$TMP/svc.out" 2>"$TMP/svc.err"
  RC=$?
  set -e
  LAST="servicefull --local $*"
}
svc_fail() { echo "--- stdout:" >&2; tail -c 3000 "$TMP/svc.out" >&2; echo "--- stderr:" >&2; tail -c 3000 "$TMP/svc.err" >&2; fail "$@"; }

# provision: every resource of the template, CREATE_COMPLETE; the outputs printed.
svc provision
[ "$RC" = 0 ] || svc_fail "provision exited $RC"
grep -q "stack ServicefulStepFunction is CREATE_COMPLETE" "$TMP/svc.err" || svc_fail "no CREATE_COMPLETE"
grep -q "^MachineArn" "$TMP/svc.out" || svc_fail "no outputs"
awsl cloudformation describe-stacks --stack-name ServicefulStepFunction
expect_rc 0
expect_json 'd["Stacks"][0]["StackStatus"]' CREATE_COMPLETE
awsl ecr describe-images --repository-name servicefulstepfunction
expect_rc 0
expect_json 'len(d["imageDetails"])' 1
awsl ec2 describe-subnets --filters Name=default-for-az,Values=false
expect_rc 0
expect_json 'len({s["AvailabilityZone"] for s in d["Subnets"]})' 2

# A second provision with nothing changed: no blob uploaded, no stack update, "no changes".
requests_before=$(wc -l <"$STATE/requests.log")
svc provision
[ "$RC" = 0 ] || svc_fail "the second provision exited $RC"
grep -qi "no changes" "$TMP/svc.err" "$TMP/svc.out" || svc_fail "the second provision did not say there was nothing to change"
tail -n +"$((requests_before + 1))" "$STATE/requests.log" >"$TMP/second.log"
grep -q '"method":"POST","path":"/v2/[^"]*/blobs/uploads' "$TMP/second.log" && fail "the no-change provision uploaded a blob"
grep -qE '"operation":"(UpdateStack|ExecuteChangeSet|CreateStack)"' "$TMP/second.log" && fail "the no-change provision changed the stack"

# --noop: everything that does not change the cloud; the request log shows only reads.
requests_before=$(wc -l <"$STATE/requests.log")
svc --noop provision
[ "$RC" = 0 ] || svc_fail "provision --noop exited $RC"
tail -n +"$((requests_before + 1))" "$STATE/requests.log" >"$TMP/noop.log"
grep -q '"operation":"DescribeStacks"' "$TMP/noop.log" || fail "--noop did not even read the stack"
python3 - "$TMP/noop.log" <<'PY' || fail "--noop sent a request that changes something: $(cat "$TMP/noop.log")"
import json, sys
reads = ("Describe", "Get", "List", "Validate", "HeadObject", "HEAD", "GET")
for line in open(sys.argv[1]):
    e = json.loads(line)
    op = e.get("operation") or e.get("method", "")
    if not (op.startswith(reads) or e.get("method") in ("GET", "HEAD")):
        sys.exit(f"not a read: {op} {e.get('path')}")
PY

# execute: the task's own output streamed back, SUCCEEDED, SNS notified.
svc execute
[ "$RC" = 0 ] || svc_fail "execute exited $RC"
grep -q "Insert your Fargate code here! 🎉" "$TMP/svc.out" "$TMP/svc.err" || svc_fail "the task's output was not shown"
grep -q "execution SUCCEEDED" "$TMP/svc.err" || svc_fail "no SUCCEEDED"

svc status
[ "$RC" = 0 ] || svc_fail "status exited $RC"
grep -q "SUCCEEDED" "$TMP/svc.out" || svc_fail "status does not show the execution"

# describe, live: the page shows the resources' statuses and the last execution.
svc describe -o "$TMP/page.html"
[ "$RC" = 0 ] || svc_fail "describe exited $RC"
grep -q "CREATE_COMPLETE" "$TMP/page.html" || fail "the live page shows no resource status"
grep -q "SUCCEEDED" "$TMP/page.html" || fail "the live page shows no execution"

# delete: the stack and the image repository are gone.
svc delete --purge-images
[ "$RC" = 0 ] || svc_fail "delete exited $RC"
awsl cloudformation describe-stacks --stack-name ServicefulStepFunction
[ "$RC" != 0 ] || fail "the stack is still there"
expect_err_contains "does not exist"
awsl ecr describe-repositories
expect_rc 0
expect_json 'len(d["repositories"])' 0
awsl stepfunctions list-state-machines
expect_rc 0
expect_json 'len(d["stateMachines"])' 0
awsl ec2 describe-vpcs --filters Name=is-default,Values=false
expect_rc 0
expect_json 'len(d["Vpcs"])' 0

echo "ok"
