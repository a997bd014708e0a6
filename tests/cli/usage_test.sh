#!/usr/bin/env bash
# Usage errors exit 2 with the problem and the usage on stderr, nothing on stdout.
source "$(dirname "$0")/common.sh"

check_usage_error() {
  run "$@"
  expect_rc 2
  expect_stdout_empty
  expect_stderr_contains "Usage: servicefull"
}

check_usage_error "$SERVICEFULL" nope
expect_stderr_contains "unknown command 'nope'"
check_usage_error "$SERVICEFULL" --bogus
expect_stderr_contains "--bogus"
check_usage_error "$SERVICEFULL" synth --bogus
check_usage_error "$SERVICEFULL" --level loud synth
expect_stderr_contains "loud"
check_usage_error "$SERVICEFULL" --log-format xml synth
check_usage_error "$SERVICEFULL" --build-id 'bad/id' version
check_usage_error "$SERVICEFULL" synth --out
check_usage_error "$SERVICEFULL"
expect_stderr_contains "no command given"
check_usage_error "$SERVICEFULL" help nope
echo "ok"
