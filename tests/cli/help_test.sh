#!/usr/bin/env bash
# `--help` lists the built-in commands and the service's tasks, on stdout, exactly as the golden
# file says; `help` and `help COMMAND` print the same texts.
source "$(dirname "$0")/common.sh"

run "$SERVICEFULL" --help
expect_rc 0
expect_stderr_empty
expect_stdout_golden cli/servicefull-help.txt
for word in synth version help fargateTask "Sample Fargate task" "Exit codes: 0 ok, 1 runtime failure, 2 usage error"; do
  expect_stdout_contains "$word"
done
cp "$TMP/out" "$TMP/help.txt"

run "$SERVICEFULL" help
expect_rc 0
cmp -s "$TMP/out" "$TMP/help.txt" || fail "'help' differs from '--help'"

run "$SERVICEFULL" help synth
expect_rc 0
expect_stdout_contains "Usage: servicefull synth"
expect_stdout_contains "--out FILE"

run "$SERVICEFULL" fargateTask --help
expect_rc 0
expect_stdout_contains "Sample Fargate task"
expect_stdout_contains "Usage: servicefull fargateTask"
echo "ok"
