#!/usr/bin/env bash
# A change of the task's memory, as a user meets it: `diff` shows the TaskDefinition replaced
# (Memory 512 → 1024) and the state machine modified in place because it names the new task
# definition, and changes nothing; `provision` then updates the stack; the AWS CLI sees the new
# task definition and the same state machine pointing at it; `diff` then says there is nothing to do.
source "$(dirname "$0")/common.sh"
need_provision_service
start_local

svc -- provision
[ "$RC" = 0 ] || svc_fail "the first provision exited $RC"
STACK=ProvisionTestService
resource() {  # resource LOGICAL_ID → its physical id
  awsl cloudformation describe-stack-resource --stack-name "$STACK" --logical-resource-id "$1"
  expect_rc 0
  json 'd["StackResourceDetail"]["PhysicalResourceId"]'
}
OLD_TD="$(resource TaskTaskDefinition)"
MACHINE="$(resource Machine)"
awsl ecs describe-task-definition --task-definition "$OLD_TD"
expect_rc 0
expect_json 'd["taskDefinition"]["memory"]' 512

# diff: exit 3; the task definition replaced because of Memory, the machine modified because of it.
svc HOPLITE_TEST_TASK_MEMORY=1024 -- diff
[ "$RC" = 3 ] || svc_fail "diff exited $RC, expected 3 (changes)"
grep -qE '^~ TaskTaskDefinition +AWS::ECS::TaskDefinition +replaced$' "$TMP/svc.out" || svc_fail "diff does not show the task definition replaced"
grep -qF '    /Properties/Memory: 512 → 1024  (replaces)' "$TMP/svc.out" || svc_fail "diff does not show Memory 512 → 1024"
grep -qE '^~ Machine +AWS::StepFunctions::StateMachine$' "$TMP/svc.out" || svc_fail "diff does not show the state machine modified (in place)"
grep -qE '^    /Properties/DefinitionString: .*→ \(known after the update\)  \(because of TaskTaskDefinition\)$' "$TMP/svc.out" ||
  svc_fail "diff does not say the definition changes because of the task definition"
[ "$(grep -c '/Properties/DefinitionString' "$TMP/svc.out")" = 1 ] || svc_fail "diff shows the definition's change more than once"
grep -q '^[+-] ' "$TMP/svc.out" && svc_fail "diff shows a resource added or removed"
svc HOPLITE_TEST_TASK_MEMORY=1024 -- diff --json
[ "$RC" = 3 ] || svc_fail "diff --json exited $RC"
python3 - "$TMP/svc.out" <<'PY' || svc_fail "diff --json is not what the text said"
import json, sys
d = json.load(open(sys.argv[1]))
c = {x["logical_id"]: x for x in d["changes"]}
assert c["TaskTaskDefinition"]["action"] == "Modify" and c["TaskTaskDefinition"]["replacement"] == "True", c
assert any(x["path"] == "/Properties/Memory" and x["before"] == "512" and x["after"] == "1024"
           for x in c["TaskTaskDefinition"]["details"]), c["TaskTaskDefinition"]
assert c["Machine"]["action"] == "Modify" and c["Machine"]["replacement"] == "False", c["Machine"]
assert any(x["causing_entity"] == "TaskTaskDefinition" for x in c["Machine"]["details"]), c["Machine"]
PY
# diff changed nothing: no change set left, the stack untouched.
awsl cloudformation list-change-sets --stack-name "$STACK"
expect_rc 0
expect_json '[s["ChangeSetName"] for s in d["Summaries"] if s["ExecutionStatus"] != "EXECUTE_COMPLETE"]' "[]"
awsl cloudformation describe-stacks --stack-name "$STACK"
expect_json 'd["Stacks"][0]["StackStatus"]' CREATE_COMPLETE

# provision: the update, then what the AWS CLI sees.
svc HOPLITE_TEST_TASK_MEMORY=1024 -- provision
[ "$RC" = 0 ] || svc_fail "provision with 1024 MiB exited $RC"
grep -q "stack $STACK is UPDATE_COMPLETE" "$TMP/svc.err" || svc_fail "no UPDATE_COMPLETE"
NEW_TD="$(resource TaskTaskDefinition)"
[ "$NEW_TD" != "$OLD_TD" ] || fail "the task definition was not replaced"
awsl ecs describe-task-definition --task-definition "$NEW_TD"
expect_json 'd["taskDefinition"]["memory"]' 1024
[ "$(resource Machine)" = "$MACHINE" ] || fail "the state machine was replaced, not modified"
awsl stepfunctions describe-state-machine --state-machine-arn "$MACHINE"
expect_rc 0
expect_json 'json.loads(d["definition"])["States"]["Run Task"]["Parameters"]["TaskDefinition"]' "$NEW_TD"

# Nothing left to do.
svc HOPLITE_TEST_TASK_MEMORY=1024 -- diff
[ "$RC" = 0 ] || svc_fail "diff after the provision exited $RC"
grep -q "no changes" "$TMP/svc.err" || svc_fail "diff after the provision did not say 'no changes'"

echo "ok"
