#!/usr/bin/env bash
# A decorator that adds a resource the cloud refuses (a subnet outside its VPC: EC2's own
# InvalidSubnet.Range message): provision exits 1 naming that resource and EC2's reason, the stack rolls
# back, the rollback hooks run; the next good provision recovers. Both on creation (the stack left
# in ROLLBACK_COMPLETE is replaced) and on an update (UPDATE_ROLLBACK_COMPLETE, the old stack kept).
source "$(dirname "$0")/common.sh"
need_provision_service
start_local
STACK=ProvisionTestService

expect_refused() {  # after a failed provision: exit 1, the resource and EC2's reason named, hook ran
  [ "$RC" = 1 ] || svc_fail "provision with the broken subnet exited $RC, expected 1"
  grep -q "BrokenSubnet" "$TMP/svc.err" || svc_fail "provision does not name the failing resource"
  grep -q "^.*ERROR .*first failure: BrokenSubnet (AWS::EC2::Subnet) CREATE_FAILED: .*The CIDR '192.168.0.0/24' is invalid" "$TMP/svc.err" ||
    svc_fail "provision's error does not name the failing resource with EC2's reason"
  grep -q "^rollback hook ran$" "$TMP/svc.err" || svc_fail "the rollback hook did not run"
}
stack_status() {
  awsl cloudformation describe-stacks --stack-name "$STACK"
  expect_rc 0
  json 'd["Stacks"][0]["StackStatus"]'
}
subnets() {  # the subnets EC2 has, outside the default VPC
  awsl ec2 describe-vpcs --filters Name=is-default,Values=false
  expect_rc 0
  local vpcs
  vpcs="$(json '",".join(v["VpcId"] for v in d["Vpcs"])')"
  [ -n "$vpcs" ] || { echo 0; return; }
  awsl ec2 describe-subnets --filters "Name=vpc-id,Values=$vpcs"
  expect_rc 0
  json 'len(d["Subnets"])'
}

# 1. On creation: CREATE_FAILED for BrokenSubnet, the stack ROLLBACK_COMPLETE, nothing left.
svc HOPLITE_TEST_BAD_SUBNET=1 -- provision
expect_refused
[ "$(stack_status)" = ROLLBACK_COMPLETE ] || fail "the stack is $(stack_status), not ROLLBACK_COMPLETE"
awsl cloudformation describe-stack-events --stack-name "$STACK"
expect_rc 0
expect_json '"CREATE_FAILED" in [e["ResourceStatus"] for e in d["StackEvents"] if e["LogicalResourceId"] == "BrokenSubnet"]' True
case "$(json '[e.get("ResourceStatusReason", "") for e in d["StackEvents"] if e["LogicalResourceId"] == "BrokenSubnet" and e["ResourceStatus"] == "CREATE_FAILED"][0]')" in
  *"The CIDR '192.168.0.0/24' is invalid."*) ;;
  *) fail "the event's reason is not EC2's own message" ;;
esac
[ "$(subnets)" = 0 ] || fail "the rolled back creation left subnets"

# The good provision replaces the ROLLBACK_COMPLETE stack.
svc -- provision
[ "$RC" = 0 ] || svc_fail "the good provision after a failed creation exited $RC"
grep -q "rollback hook ran" "$TMP/svc.err" && svc_fail "the rollback hook ran on a good provision"
[ "$(stack_status)" = CREATE_COMPLETE ] || fail "the stack is $(stack_status) after the good provision"
[ "$(subnets)" = 2 ] || fail "expected the network's 2 subnets, got $(subnets)"

# 2. On an update: UPDATE_ROLLBACK_COMPLETE, the old resources kept, the broken one gone.
svc HOPLITE_TEST_BAD_SUBNET=1 -- provision
expect_refused
[ "$(stack_status)" = UPDATE_ROLLBACK_COMPLETE ] || fail "the stack is $(stack_status), not UPDATE_ROLLBACK_COMPLETE"
awsl cloudformation describe-stack-resources --stack-name "$STACK"
expect_rc 0
expect_json '[r["LogicalResourceId"] for r in d["StackResources"] if r["LogicalResourceId"] == "BrokenSubnet"]' "[]"
expect_json 'sorted({r["ResourceStatus"] for r in d["StackResources"]}) in (["CREATE_COMPLETE"], ["CREATE_COMPLETE", "UPDATE_COMPLETE"])' True
[ "$(subnets)" = 2 ] || fail "the rolled back update left $(subnets) subnets, expected 2"

# The good provision: the stack already runs its template, so nothing to do.
svc -- provision
[ "$RC" = 0 ] || svc_fail "the good provision after a failed update exited $RC"
grep -qi "no changes" "$TMP/svc.err" || svc_fail "the good provision after the rolled back update did not say 'no changes'"
svc -- diff
[ "$RC" = 0 ] || svc_fail "diff after recovering exited $RC"

echo "ok"
