#!/usr/bin/env bash
# `build` runs the service's workflow hooks: pre-build before anything is built (a failing one
# stops the build and writes nothing), post-build after, with the image digest in its context.
source "$(dirname "$0")/common.sh"

HOPLITE_CLI_TEST_FAIL_PRE_BUILD=1 run "$TEST_SERVICE" --build-id t1 build --out "$TMP/layout"
expect_rc 1
expect_stderr_contains "pre-build hook 'check environment'"
expect_stderr_contains "HOPLITE_CLI_TEST_FAIL_PRE_BUILD is set"
[ ! -e "$TMP/layout" ] || fail "a failed pre-build hook still wrote $TMP/layout"

run "$TEST_SERVICE" --build-id t1 build --out "$TMP/layout"
expect_rc 0
digest=$(cat "$TMP/out")
case "$digest" in sha256:*) ;; *) fail "build printed '$digest', not a digest" ;; esac
expect_stderr_contains "pre-build hook ran"
expect_stderr_contains "post-build hook saw $digest"
[ "$(grep -n 'pre-build hook ran' "$TMP/err" | cut -d: -f1)" -lt "$(grep -n 'post-build hook saw' "$TMP/err" | cut -d: -f1)" ] ||
  fail "post-build ran before pre-build"
[ -f "$TMP/layout/index.json" ] || fail "no OCI layout written"
