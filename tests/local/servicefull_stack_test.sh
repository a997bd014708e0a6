# The CloudFormation engine's acceptance with the real AWS CLI: the example service's own template
# (`servicefull synth`) deployed twice with its parameters, by `cloudformation deploy` (change sets)
# and by create-stack + the CLI's waiter; every resource's events go IN_PROGRESS -> COMPLETE, the
# two subnets are in different zones, the outputs are resolved; then delete-stack + the waiter, and
# every service holds exactly what it held before (nothing of either stack left behind).
source "$(dirname "$0")/common.sh"

SERVICEFULL="${HOPLITE_SERVICEFULL:-}"
[ -n "$SERVICEFULL" ] && [ -x "$SERVICEFULL" ] || { echo "SKIP: examples are not built" >&2; exit 77; }
start_local

env -i PATH=/usr/bin:/bin HOME="$TMP" "$SERVICEFULL" synth >"$TMP/servicefull.json" 2>"$TMP/err" ||
  fail "servicefull synth failed"
IMAGE="111122223333.dkr.ecr.us-east-1.amazonaws.com/servicefull@sha256:$(printf 'a%.0s' $(seq 64))"

# What every service lists, one line per service, sorted: the baseline the deletes must restore.
inventory() {
  local out="$1" expr args listed
  : >"$out"
  while IFS='|' read -r expr args; do
    # shellcheck disable=SC2086 # the listing's arguments are words
    awsl $args
    expect_rc 0
    listed="$(json "sorted($expr)")" || fail "cannot list: $args"
    echo "$args: $listed" >>"$out"
  done <<'LIST'
v["VpcId"] for v in d["Vpcs"]|ec2 describe-vpcs
s["SubnetId"] for s in d["Subnets"]|ec2 describe-subnets
g["InternetGatewayId"] for g in d["InternetGateways"]|ec2 describe-internet-gateways
g["GroupId"] for g in d["SecurityGroups"]|ec2 describe-security-groups
t["RouteTableId"] + str(len(t["Routes"])) for t in d["RouteTables"]|ec2 describe-route-tables
d["clusterArns"]|ecs list-clusters
d["taskDefinitionArns"]|ecs list-task-definitions --status ACTIVE
r["RoleName"] for r in d["Roles"]|iam list-roles
g["logGroupName"] for g in d["logGroups"]|logs describe-log-groups
t["TopicArn"] for t in d["Topics"]|sns list-topics
m["stateMachineArn"] for m in d["stateMachines"]|stepfunctions list-state-machines
p["Name"] for p in d["Parameters"]|ssm describe-parameters
r["repositoryName"] for r in d["repositories"]|ecr describe-repositories
LIST
}
inventory "$TMP/before"

RESOURCES="$(python3 -c 'import json,sys; print(" ".join(sorted(json.load(open(sys.argv[1]))["Resources"])))' \
  "$TMP/servicefull.json")"
RESOURCE_LIST="$(python3 -c 'import json,sys; print(sorted(json.load(open(sys.argv[1]))["Resources"]))' "$TMP/servicefull.json")"
OUTPUTS="$(python3 -c 'import json,sys; print(sorted(json.load(open(sys.argv[1]))["Outputs"]))' "$TMP/servicefull.json")"

# create-stack first: by the time `deploy` has converged, the CLI's waiter (which sleeps 30 s
# between polls) finds the other stack complete at its first look.
awsl cloudformation create-stack --stack-name created --template-body "file://$TMP/servicefull.json" \
  --parameters "ParameterKey=ImageUri,ParameterValue=$IMAGE" --capabilities CAPABILITY_IAM
expect_rc 0
awsl cloudformation deploy --stack-name deployed --template-file "$TMP/servicefull.json" \
  --parameter-overrides "ImageUri=$IMAGE" --capabilities CAPABILITY_IAM
expect_rc 0
awsl cloudformation wait stack-create-complete --stack-name created
expect_rc 0

for stack in deployed created; do
  awsl cloudformation describe-stacks --stack-name "$stack"
  expect_rc 0
  expect_json 'd["Stacks"][0]["StackStatus"]' CREATE_COMPLETE
  expect_json 'sorted(o["OutputKey"] for o in d["Stacks"][0]["Outputs"])' "$OUTPUTS"
  # Resolved: an ARN, an ID or a name, never an intrinsic or an empty value.
  expect_json 'all(o["OutputValue"] and not o["OutputValue"].startswith("{") for o in d["Stacks"][0]["Outputs"])' True
  TOPIC_OUTPUT="$(json '[o["OutputValue"] for o in d["Stacks"][0]["Outputs"] if o["OutputKey"] == "NotificationsTopicArn"][0]')"
  awsl sns get-topic-attributes --topic-arn "$TOPIC_OUTPUT"
  expect_rc 0

  awsl cloudformation describe-stack-events --stack-name "$stack"
  expect_rc 0
  for r in $RESOURCES; do
    expect_json "[e['ResourceStatus'] for e in d['StackEvents'] if e['LogicalResourceId'] == '$r'][::-1]" \
      "['CREATE_IN_PROGRESS', 'CREATE_IN_PROGRESS', 'CREATE_COMPLETE']"
  done

  awsl cloudformation describe-stack-resources --stack-name "$stack"
  expect_rc 0
  expect_json 'sorted(r["LogicalResourceId"] for r in d["StackResources"])' "$RESOURCE_LIST"
  SUBNETS="$(json '" ".join(r["PhysicalResourceId"] for r in d["StackResources"] if r["ResourceType"] == "AWS::EC2::Subnet")')"
  VPC="$(json '[r["PhysicalResourceId"] for r in d["StackResources"] if r["ResourceType"] == "AWS::EC2::VPC"][0]')"
  # shellcheck disable=SC2086 # two subnet IDs
  awsl ec2 describe-subnets --subnet-ids $SUBNETS
  expect_rc 0
  expect_json 'len(d["Subnets"])' 2
  expect_json 'len({s["AvailabilityZone"] for s in d["Subnets"]})' 2
  expect_json '{s["VpcId"] for s in d["Subnets"]}' "{'$VPC'}"
done

for stack in deployed created; do
  awsl cloudformation delete-stack --stack-name "$stack"
  expect_rc 0
done
for stack in deployed created; do
  # Polled here first, for the same reason; the waiter then confirms.
  for _ in $(seq 100); do
    awsl cloudformation describe-stacks --stack-name "$stack"
    [ "$RC" = 0 ] || break
    sleep 0.2
  done
  awsl cloudformation wait stack-delete-complete --stack-name "$stack"
  expect_rc 0
done
inventory "$TMP/after"
[ "$(wc -l <"$TMP/after")" = 13 ] || fail "the inventory is incomplete"
diff -u "$TMP/before" "$TMP/after" >&2 || fail "the deleted stacks left resources behind (diff above)"

echo "ok"
