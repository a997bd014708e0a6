#!/usr/bin/env bash
# A task that returns 3: `execute` follows the execution to FAILED, exits 1, and shows what a user
# needs to see why: the failing state, the container's exit code 3, and the task's own log lines.
source "$(dirname "$0")/common.sh"
need_provision_service
start_local

svc HOPLITE_TEST_TASK_EXIT=3 -- provision
[ "$RC" = 0 ] || svc_fail "provision exited $RC"
svc HOPLITE_TEST_TASK_EXIT=3 -- execute
[ "$RC" = 1 ] || svc_fail "execute of a task returning 3 exited $RC, expected 1"
grep -q "execution FAILED" "$TMP/svc.err" || svc_fail "execute does not say the execution FAILED"
grep -q "state 'Run Task' failed: States.TaskFailed, container exit code 3" "$TMP/svc.err" ||
  svc_fail "execute does not name the failing state and the exit code 3"
grep -q '"Attachments"' "$TMP/svc.err" && svc_fail "execute dumps the ECS task's JSON instead of summarising it"
grep -q "work: first line" "$TMP/svc.out" || svc_fail "execute does not show the task's log lines"
grep -q "work: second line, exiting 3" "$TMP/svc.out" || svc_fail "execute does not show the task's last log line"

# The AWS CLI agrees: one execution, FAILED; the task STOPPED with exit code 3.
awsl stepfunctions list-state-machines
expect_rc 0
awsl stepfunctions list-executions --state-machine-arn "$(json 'd["stateMachines"][0]["stateMachineArn"]')"
expect_rc 0
expect_json '[e["status"] for e in d["executions"]]' "['FAILED']"
awsl ecs list-clusters
CLUSTER="$(json 'd["clusterArns"][0]')"
awsl ecs list-tasks --cluster "$CLUSTER" --desired-status STOPPED
expect_rc 0
awsl ecs describe-tasks --cluster "$CLUSTER" --tasks "$(json 'd["taskArns"][0]')"
expect_rc 0
expect_json 'd["tasks"][0]["containers"][0]["exitCode"]' 3

echo "ok"
