#!/usr/bin/env bash
# ECS in the local cloud with the real AWS CLI and real containers: the example binary's image,
# pushed by `servicefull build --push` to a real docker-registry, runs as a Fargate task under crun
# (exit code 0), a task exiting 3 reports exitCode 3, StopTask stops a sleeping task
# (UserInitiated, SIGKILL after the stop timeout), a service keeps its desiredCount tasks running, kill -9 of the server with a task running leaves no container behind and the
# task STOPPED after the restart, and without a runtime the task fails to start saying what to
# install.
source "$(dirname "$0")/common.sh"

SERVICEFULL="${HOPLITE_SERVICEFULL:-}"
TEST_SERVICE="${HOPLITE_TEST_SERVICE:-}"
[ -n "$SERVICEFULL" ] && [ -x "$SERVICEFULL" ] && [ -x "$TEST_SERVICE" ] || { echo "SKIP: examples are not built" >&2; exit 77; }
command -v crun >/dev/null || { echo "SKIP: crun is not installed" >&2; exit 77; }
[ "$(id -u)" = 0 ] || { echo "SKIP: the local cloud runs containers with crun as root only" >&2; exit 77; }

# --- a registry with the two images ---
start_registry
SERVICEFULL_IMAGE="$(push_image "$SERVICEFULL" servicefull)"
TEST_IMAGE="$(push_image "$TEST_SERVICE" testservice)"
[ -n "$SERVICEFULL_IMAGE" ] && [ -n "$TEST_IMAGE" ] || fail "no image reference in: $(cat "$TMP/push.out")"

# --- the local cloud, and a network for the tasks ---
start_local
make_network

register() {  # register FAMILY IMAGE COMMAND-JSON
  cat >"$TMP/td.json" <<EOF
{"family": "$1", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
 "executionRoleArn": "arn:aws:iam::000000000000:role/exec",
 "containerDefinitions": [{"name": "app", "image": "$2", "command": $3, "stopTimeout": 5,
   "logConfiguration": {"logDriver": "awslogs",
     "options": {"awslogs-group": "/ecs/$1", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs"}}}]}
EOF
  awsl ecs register-task-definition --cli-input-json "file://$TMP/td.json"
  expect_rc 0
}

run_task() {  # run_task FAMILY → TASK_ARN
  awsl ecs run-task --cluster c --launch-type FARGATE --task-definition "$1" \
    --network-configuration "awsvpcConfiguration={subnets=[$SUBNET],securityGroups=[$SG]}"
  expect_rc 0
  expect_json 'd["tasks"][0]["lastStatus"]' PROVISIONING
  TASK_ARN="$(json 'd["tasks"][0]["taskArn"]')"
}

wait_status() {  # wait_status ARN STATUS: describe-tasks until lastStatus is STATUS (3 minutes at most)
  for _ in $(seq 120); do
    awsl ecs describe-tasks --cluster c --tasks "$1"
    expect_rc 0
    [ "$(json 'd["tasks"][0]["lastStatus"]')" = "$2" ] && return 0
  done
  fail "task $1 never reached $2"
}

awsl ecs create-cluster --cluster-name c
expect_rc 0
expect_json 'd["cluster"]["status"]' ACTIVE

# The example's fargateTask: exit code 0, its output in CloudWatch Logs (awslogs driver).
awsl logs create-log-group --log-group-name /ecs/servicefull
expect_rc 0
register servicefull "$SERVICEFULL_IMAGE" '["fargateTask"]'
expect_json 'd["taskDefinition"]["revision"]' 1
run_task servicefull
wait_status "$TASK_ARN" STOPPED
expect_json 'd["tasks"][0]["containers"][0]["exitCode"]' 0
expect_json 'd["tasks"][0]["stopCode"]' EssentialContainerExited
expect_json 'd["tasks"][0]["desiredStatus"]' STOPPED
expect_json 'd["tasks"][0]["containers"][0]["imageDigest"]' "${SERVICEFULL_IMAGE#*@}"
awsl logs get-log-events --log-group-name /ecs/servicefull --log-stream-name "ecs/app/${TASK_ARN##*/}"
expect_rc 0
case "$(json 'd["events"][0]["message"]')" in *"Insert your Fargate code here!"*) ;; *) fail "no task output in the log stream" ;; esac

# A task exiting 3, and a second run of a cached image.
register exit3 "$TEST_IMAGE" '["exitWith", "3"]'
run_task exit3
wait_status "$TASK_ARN" STOPPED
expect_json 'd["tasks"][0]["containers"][0]["exitCode"]' 3

# StopTask: SIGTERM to a sleeping task.
register sleeper "$TEST_IMAGE" '["sleepFor", "600"]'
run_task sleeper
wait_status "$TASK_ARN" RUNNING
awsl ecs stop-task --cluster c --task "$TASK_ARN" --reason "enough sleep"
expect_rc 0
expect_json 'd["task"]["desiredStatus"]' STOPPED
wait_status "$TASK_ARN" STOPPED
expect_json 'd["tasks"][0]["stopCode"]' UserInitiated
expect_json 'd["tasks"][0]["stoppedReason"]' "enough sleep"
# The task's process is PID 1 of its container and has no SIGTERM handler, so the kernel ignores
# SIGTERM (as on Fargate) and SIGKILL ends it after the 5 s stopTimeout: 137.
expect_json 'd["tasks"][0]["containers"][0]["exitCode"]' 137

# A service keeps desiredCount tasks running: two run, one stopped by hand is replaced, scaled to 0
# none runs, and it is deleted.
awsl ecs create-service --cluster c --service-name web --task-definition sleeper --desired-count 2 \
  --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNET],securityGroups=[$SG]}"
expect_rc 0
expect_json 'd["service"]["status"]' ACTIVE
expect_json 'd["service"]["serviceArn"]' "arn:aws:ecs:us-east-1:000000000000:service/c/web"
service_tasks() {  # service_tasks COUNT [NOT-ARN]: until web runs COUNT tasks (none of them NOT-ARN), 3 minutes at most
  for _ in $(seq 360); do
    awsl ecs describe-services --cluster c --services web
    expect_rc 0
    if [ "$(json 'd["services"][0]["runningCount"]')" = "$1" ] && [ "$(json 'd["services"][0]["pendingCount"]')" = 0 ]; then
      awsl ecs list-tasks --cluster c --service-name web
      expect_rc 0
      if [ "$(json 'len(d["taskArns"])')" = "$1" ] && { [ -z "${2:-}" ] || ! grep -qF "$2" "$TMP/out"; }; then return 0; fi
    fi
    sleep 0.5
  done
  fail "service web never ran $1 tasks${2:+ without $2}"
}
service_tasks 2
FIRST="$(json 'd["taskArns"][0]')"
awsl ecs describe-tasks --cluster c --tasks "$FIRST"
expect_rc 0
expect_json 'd["tasks"][0]["group"]' "service:web"
case "$(json 'd["tasks"][0]["startedBy"]')" in ecs-svc/*) ;; *) fail "a service task not started by its deployment" ;; esac
awsl ecs stop-task --cluster c --task "$FIRST" --reason chaos
expect_rc 0
wait_status "$FIRST" STOPPED
service_tasks 2 "$FIRST"
awsl ecs describe-services --cluster c --services web
grep -qF "(service web) has started" "$TMP/out" || fail "no start event: $(cat "$TMP/out")"
awsl ecs delete-service --cluster c --service web
[ "$RC" != 0 ] || fail "a service scaled above 0 was deleted without --force"
expect_err_contains "scaled above 0"
awsl ecs update-service --cluster c --service web --desired-count 0
expect_rc 0
expect_json 'd["service"]["desiredCount"]' 0
service_tasks 0
awsl ecs delete-service --cluster c --service web
expect_rc 0
expect_json 'd["service"]["status"]' DRAINING
awsl ecs list-services --cluster c
expect_rc 0
for _ in $(seq 60); do
  awsl ecs describe-services --cluster c --services web
  [ "$(json 'd["services"][0]["status"]')" = INACTIVE ] && break
  sleep 0.5
done
expect_json 'd["services"][0]["status"]' INACTIVE

# kill -9 of the server while a task runs: after the restart the task is STOPPED with a reason and
# its container is gone.
run_task sleeper
wait_status "$TASK_ARN" RUNNING
crun --root "$STATE/ecs/crun" list | grep -q hoplite- || fail "no container runs for the sleeping task"
kill -9 "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pid"])' "$STATE/server.json")"
sleep 0.2
start_local
awsl ecs describe-tasks --cluster c --tasks "$TASK_ARN"
expect_rc 0
expect_json 'd["tasks"][0]["lastStatus"]' STOPPED
expect_json 'd["tasks"][0]["stopCode"]' TerminationNotice
case "$(json 'd["tasks"][0]["stoppedReason"]')" in *"local cloud stopped"*) ;; *) fail "no restart reason" ;; esac
[ -z "$(crun --root "$STATE/ecs/crun" list -q 2>/dev/null)" ] || fail "a container outlived the restart: $(crun --root "$STATE/ecs/crun" list)"
pgrep -f "sleepFor 600" >/dev/null && fail "the task's process outlived the restart"

# No usable runtime: TaskFailedToStart, naming what to install.
"$HOPLITE" local down --data-dir "$STATE" >/dev/null
HOPLITE_CONTAINER_RUNTIME=/nonexistent/crun start_local
run_task exit3
wait_status "$TASK_ARN" STOPPED
expect_json 'd["tasks"][0]["stopCode"]' TaskFailedToStart
case "$(json 'd["tasks"][0]["stoppedReason"]')" in *"apt-get install crun"*) ;; *) fail "the reason does not say what to install" ;; esac

echo "ok"
