#!/usr/bin/env bash
# The seed's workflow on the local cloud with the real AWS CLI: a state machine runs the example
# image's fargateTask through ecs:runTask.sync (a real container), then publishes to SNS (an SQS
# queue subscribed); the task's output is in CloudWatch Logs and the message in the queue. A task
# exiting 3 takes the Catch path with "ExitCode":3 in the cause; a role without ecs:RunTask fails
# the Task with IAM's AccessDenied. A `.waitForTaskToken` Task's container answers SendTaskSuccess
# itself with its task role's credentials. `kill -9` of the server while the Task's container runs: after
# the restart the execution completes (the task stopped with the restart's reason → the Catch path),
# with one history.
source "$(dirname "$0")/common.sh"

SERVICEFULL="${HOPLITE_SERVICEFULL:-}"
TEST_SERVICE="${HOPLITE_TEST_SERVICE:-}"
[ -n "$SERVICEFULL" ] && [ -x "$SERVICEFULL" ] && [ -x "$TEST_SERVICE" ] || { echo "SKIP: examples are not built" >&2; exit 77; }
command -v crun >/dev/null || { echo "SKIP: crun is not installed" >&2; exit 77; }
[ "$(id -u)" = 0 ] || { echo "SKIP: the local cloud runs containers with crun as root only" >&2; exit 77; }

start_registry
SERVICEFULL_IMAGE="$(push_image "$SERVICEFULL" servicefull)"
TEST_IMAGE="$(push_image "$TEST_SERVICE" testservice)"
[ -n "$SERVICEFULL_IMAGE" ] && [ -n "$TEST_IMAGE" ] || fail "no image reference in: $(cat "$TMP/push.out")"
start_local
make_network
ACCOUNT=000000000000

# --- roles: the machine's (allowed to run tasks and publish), a weaker one, the tasks' ---
cat >"$TMP/states-trust.json" <<'JSON'
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"states.amazonaws.com"},"Action":"sts:AssumeRole"}]}
JSON
cat >"$TMP/tasks-trust.json" <<'JSON'
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}
JSON
cat >"$TMP/machine.json" <<'JSON'
{"Version":"2012-10-17","Statement":[
 {"Effect":"Allow","Action":["ecs:RunTask","ecs:StopTask","ecs:DescribeTasks"],"Resource":"*"},
 {"Effect":"Allow","Action":"iam:PassRole","Resource":"*"},
 {"Effect":"Allow","Action":"sns:Publish","Resource":"*"}]}
JSON
cat >"$TMP/weak.json" <<'JSON'
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sns:Publish","Resource":"*"}]}
JSON
for role in machine weak; do
  awsl iam create-role --role-name "$role" --assume-role-policy-document "file://$TMP/states-trust.json"
  expect_rc 0
  awsl iam put-role-policy --role-name "$role" --policy-name p --policy-document "file://$TMP/$role.json"
  expect_rc 0
done
awsl iam create-role --role-name exec --assume-role-policy-document "file://$TMP/tasks-trust.json"
expect_rc 0

# --- cluster, task definitions, log group, topic → queue ---
awsl ecs create-cluster --cluster-name work
expect_rc 0
awsl logs create-log-group --log-group-name /ecs/work
expect_rc 0
register() {  # register FAMILY IMAGE COMMAND-JSON [TASK-ROLE]
  local task_role=""
  [ -z "${4:-}" ] || task_role="\"taskRoleArn\": \"arn:aws:iam::$ACCOUNT:role/$4\","
  cat >"$TMP/td.json" <<JSON
{"family": "$1", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
 "executionRoleArn": "arn:aws:iam::$ACCOUNT:role/exec", $task_role
 "containerDefinitions": [{"name": "app", "image": "$2", "command": $3,
   "logConfiguration": {"logDriver": "awslogs",
     "options": {"awslogs-group": "/ecs/work", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "$1"}}}]}
JSON
  awsl ecs register-task-definition --cli-input-json "file://$TMP/td.json"
  expect_rc 0
}
register fargate "$SERVICEFULL_IMAGE" '["fargateTask"]'
register exit3 "$TEST_IMAGE" '["exitWith", "3"]'
awsl sqs create-queue --queue-name done
expect_rc 0
QUEUE_URL="$(json 'd["QueueUrl"]')"
awsl sns create-topic --name done
expect_rc 0
TOPIC="$(json 'd["TopicArn"]')"
awsl sns subscribe --topic-arn "$TOPIC" --protocol sqs --notification-endpoint "arn:aws:sqs:us-east-1:$ACCOUNT:done"
expect_rc 0

# --- the machine: run the task and wait, then notify; a failed task is caught ---
machine() {  # machine NAME FAMILY ROLE → SM
  cat >"$TMP/definition.json" <<JSON
{"StartAt": "Run", "States": {
  "Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync",
    "Parameters": {"Cluster": "work", "TaskDefinition": "$2", "LaunchType": "FARGATE",
      "NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": ["$SUBNET"], "SecurityGroups": ["$SG"]}}},
    "ResultSelector": {"exit.$": "$.Containers[0].ExitCode", "task.$": "$.TaskArn"},
    "ResultPath": "$.run",
    "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.error", "Next": "Caught"}],
    "Next": "Notify"},
  "Notify": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
    "Parameters": {"TopicArn": "$TOPIC", "Message.$": "$.run"}, "ResultPath": "$.notified", "End": true},
  "Caught": {"Type": "Pass", "End": true}}}
JSON
  awsl stepfunctions create-state-machine --name "$1" --definition "file://$TMP/definition.json" \
    --role-arn "arn:aws:iam::$ACCOUNT:role/$3"
  expect_rc 0
  SM="$(json 'd["stateMachineArn"]')"
}
run() {  # run SM → EXEC, the finished description in $TMP/out (3 minutes at most)
  awsl stepfunctions start-execution --state-machine-arn "$1" --input '{}'
  expect_rc 0
  EXEC="$(json 'd["executionArn"]')"
  for _ in $(seq 1800); do
    awsl stepfunctions describe-execution --execution-arn "$EXEC"
    expect_rc 0
    [ "$(json 'd["status"]')" = RUNNING ] || return 0
    sleep 0.1
  done
  fail "execution $EXEC still runs"
}

# The example's fargateTask: SUCCEEDED, its output in the log stream, the SNS message in the queue.
machine ok fargate machine
run "$SM"
expect_json 'd["status"]' SUCCEEDED
expect_json 'json.loads(d["output"])["run"]["exit"]' 0
[ -n "$(json 'json.loads(d["output"])["notified"]["MessageId"]')" ] || fail "no MessageId from sns:publish"
TASK_ID="$(json 'json.loads(d["output"])["run"]["task"]')"
TASK_ID="${TASK_ID##*/}"
awsl logs get-log-events --log-group-name /ecs/work --log-stream-name "fargate/app/$TASK_ID"
expect_rc 0
case "$(json 'd["events"][0]["message"]')" in *"Insert your Fargate code here! 🎉"*) ;; *) fail "no task output in the log" ;; esac
awsl sqs receive-message --queue-url "$QUEUE_URL" --wait-time-seconds 2
expect_rc 0
expect_json 'json.loads(json.loads(d["Messages"][0]["Body"])["Message"])["exit"]' 0
awsl stepfunctions get-execution-history --execution-arn "$EXEC"
expect_rc 0
expect_json '[e["type"] for e in d["events"]][:6]' "['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded']"
expect_json 'json.loads(d["events"][2]["taskScheduledEventDetails"]["parameters"])["StartedBy"]' "AWS Step Functions"

# A task exiting 3: the Catch path, the STOPPED task as the cause.
machine failing exit3 machine
run "$SM"
expect_json 'd["status"]' SUCCEEDED
expect_json 'json.loads(d["output"])["error"]["Error"]' States.TaskFailed
case "$(json 'json.loads(d["output"])["error"]["Cause"]')" in *'"ExitCode":3'*) ;; *) fail "the cause lacks \"ExitCode\":3" ;; esac

# A role without ecs:RunTask: the Task fails with IAM's words, no task runs (States.TaskFailed in
# a Catch matches every error but States.Timeout, so the Catch path takes it).
machine denied fargate weak
run "$SM"
expect_json 'd["status"]' SUCCEEDED
expect_json 'json.loads(d["output"])["error"]["Error"]' ECS.AccessDeniedException
case "$(json 'json.loads(d["output"])["error"]["Cause"]')" in *"is not authorized to perform: ecs:RunTask"*) ;; *) fail "the cause is not IAM's AccessDenied" ;; esac
awsl ecs list-tasks --cluster work --desired-status STOPPED
expect_json 'len(d["taskArns"])' 2

# .waitForTaskToken: the token reaches the container in an environment override, and the
# container answers SendTaskSuccess itself through hoplite's client, signed with its task role's
# credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI) and sent to AWS_ENDPOINT_URL, both given by the
# local ECS. The execution's output is what the container sent.
cat >"$TMP/answerer.json" <<'JSON'
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"states:SendTaskSuccess","Resource":"*"}]}
JSON
awsl iam create-role --role-name answerer --assume-role-policy-document "file://$TMP/tasks-trust.json"
expect_rc 0
awsl iam put-role-policy --role-name answerer --policy-name p --policy-document "file://$TMP/answerer.json"
expect_rc 0
register answer "$TEST_IMAGE" '["sendTaskSuccess", "{\"answer\": 42, \"from\": \"container\"}"]' answerer
register mute "$TEST_IMAGE" '["sendTaskSuccess", "{}"]'
token_machine() {  # token_machine NAME FAMILY → SM
  cat >"$TMP/definition.json" <<JSON
{"StartAt": "Ask", "States": {
  "Ask": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.waitForTaskToken",
    "Parameters": {"Cluster": "work", "TaskDefinition": "$2", "LaunchType": "FARGATE",
      "NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": ["$SUBNET"], "SecurityGroups": ["$SG"]}},
      "Overrides": {"ContainerOverrides": [{"Name": "app",
        "Environment": [{"Name": "TASK_TOKEN", "Value.\$": "\$\$.Task.Token"}]}]}},
    "ResultPath": "$.answer", "End": true}}}
JSON
  awsl stepfunctions create-state-machine --name "$1" --definition "file://$TMP/definition.json" \
    --role-arn "arn:aws:iam::$ACCOUNT:role/machine"
  expect_rc 0
  SM="$(json 'd["stateMachineArn"]')"
}
token_machine answered answer
run "$SM"
expect_json 'd["status"]' SUCCEEDED
expect_json 'json.loads(d["output"])["answer"]' "{'answer': 42, 'from': 'container'}"
awsl stepfunctions get-execution-history --execution-arn "$EXEC"
expect_rc 0
expect_json '[e["type"] for e in d["events"]][-3:]' "['TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']"
expect_json '"TaskSubmitted" in [e["type"] for e in d["events"]]' True
for _ in $(seq 1800); do  # its container exits once it answered (and must not look RUNNING below)
  awsl ecs list-tasks --cluster work --family answer --desired-status STOPPED
  expect_rc 0
  [ "$(json 'len(d["taskArns"])')" = 0 ] || break
  sleep 0.1
done
awsl ecs describe-tasks --cluster work --tasks "$(json 'd["taskArns"][0]')"
expect_rc 0
expect_json 'd["tasks"][0]["containers"][0]["exitCode"]' 0

# A task without a task role has no credentials to answer with: its call fails in the container
# (exit code 1, the error in its log) and the Task still waits for its token.
token_machine unanswered mute
awsl stepfunctions start-execution --state-machine-arn "$SM" --input '{}'
expect_rc 0
EXEC="$(json 'd["executionArn"]')"
for _ in $(seq 1800); do
  awsl ecs list-tasks --cluster work --family mute --desired-status STOPPED
  expect_rc 0
  [ "$(json 'len(d["taskArns"])')" = 0 ] || break
  sleep 0.1
done
MUTE="$(json 'd["taskArns"][0]')"
awsl ecs describe-tasks --cluster work --tasks "$MUTE"
expect_rc 0
expect_json 'd["tasks"][0]["containers"][0]["exitCode"]' 1
for _ in $(seq 100); do
  awsl logs get-log-events --log-group-name /ecs/work --log-stream-name "mute/app/${MUTE##*/}"
  [ "$RC" = 0 ] && case "$(json '"\n".join(e["message"] for e in d["events"])')" in *"SendTaskSuccess"*) break ;; esac
  sleep 0.1
done
case "$(json '"\n".join(e["message"] for e in d["events"])')" in *"SendTaskSuccess"*) ;; *) fail "the unanswered task did not log its failed call" ;; esac
awsl stepfunctions describe-execution --execution-arn "$EXEC"
expect_json 'd["status"]' RUNNING
awsl stepfunctions stop-execution --execution-arn "$EXEC"
expect_rc 0

# kill -9 of the server while the Task's container runs. The task cannot outlive the server (its
# container dies with it), so after the restart ECS reports it STOPPED with the restart's reason,
# the `.sync` Task attaches to that same task (no second RunTask), fails, and the Catch path ends
# the execution — one history, each event once.
register sleeper "$TEST_IMAGE" '["sleepFor", "600"]'
machine durable sleeper machine
awsl stepfunctions start-execution --state-machine-arn "$SM" --input '{}'
expect_rc 0
EXEC="$(json 'd["executionArn"]')"
for _ in $(seq 600); do
  awsl ecs list-tasks --cluster work --desired-status RUNNING
  expect_rc 0
  [ "$(json 'len(d["taskArns"])')" = 0 ] || break
  sleep 0.1
done
SLEEPER="$(json 'd["taskArns"][0]')"
for _ in $(seq 600); do
  awsl ecs describe-tasks --cluster work --tasks "$SLEEPER"
  [ "$(json 'd["tasks"][0]["lastStatus"]')" = RUNNING ] && break
  sleep 0.1
done
expect_json 'd["tasks"][0]["lastStatus"]' RUNNING
kill -9 "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pid"])' "$STATE/server.json")"
sleep 0.2
start_local
for _ in $(seq 1800); do
  awsl stepfunctions describe-execution --execution-arn "$EXEC"
  expect_rc 0
  [ "$(json 'd["status"]')" = RUNNING ] || break
  sleep 0.1
done
expect_json 'd["status"]' SUCCEEDED
expect_json 'json.loads(d["output"])["error"]["Error"]' States.TaskFailed
case "$(json 'json.loads(d["output"])["error"]["Cause"]')" in *"local cloud stopped while it ran"*) ;; *) fail "the cause lacks the restart's reason" ;; esac
awsl stepfunctions get-execution-history --execution-arn "$EXEC"
expect_rc 0
expect_json '[e["id"] for e in d["events"]] == list(range(1, len(d["events"]) + 1))' True
expect_json '[e["type"] for e in d["events"]].count("ExecutionStarted")' 1
expect_json '[e["type"] for e in d["events"]].count("TaskScheduled")' 1
expect_json '[e["type"] for e in d["events"]][-1]' ExecutionSucceeded
awsl ecs list-tasks --cluster work --family sleeper --desired-status STOPPED
expect_json 'len(d["taskArns"])' 1
pgrep -f "sleepFor 600" >/dev/null && fail "the task's process outlived the restart"

echo "ok"
