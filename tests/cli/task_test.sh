#!/usr/bin/env bash
# Tasks: exact stdout, exit codes passed through, arguments verbatim, exceptions become 1.
source "$(dirname "$0")/common.sh"

printf 'Insert your Fargate code here! \xf0\x9f\x8e\x89\n' >"$TMP/expected"

run "$SERVICEFULL" fargateTask
expect_rc 0
cmp "$TMP/out" "$TMP/expected" || fail "fargateTask stdout is not exactly the message"
expect_stderr_empty  # no banner on task runs

# Logging flags change stderr only, never the task's stdout.
run "$SERVICEFULL" --log-format json --level trace fargateTask
expect_rc 0
cmp "$TMP/out" "$TMP/expected" || fail "fargateTask stdout changed with logging flags"

for code in 0 3 42 255; do
  run "$TEST_SERVICE" exitWith "$code"
  expect_rc "$code"
done

run "$TEST_SERVICE" exitWith 256
expect_rc 1
expect_stderr_contains "returned 256, which is not an exit code"

run "$TEST_SERVICE" echoArgs one --two "three four" synth -- -x
expect_rc 0
printf 'one\n--two\nthree four\nsynth\n--\n-x\n' >"$TMP/expected-args"
diff -u "$TMP/expected-args" "$TMP/out" >&2 || fail "task arguments were not passed verbatim"

run "$TEST_SERVICE" throws
expect_rc 1
expect_stdout_empty
expect_stderr_contains "task failed: kaput"

run "$TEST_SERVICE" --build-id ci-123 buildId
expect_rc 0
[ "$(cat "$TMP/out")" = "ci-123" ] || fail "--build-id did not reach the task"
echo "ok"
