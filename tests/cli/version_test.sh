#!/usr/bin/env bash
# `version`: hoplite version and commit, compiler, service name and the build id — from the flag,
# from git in a repository (with -dirty), or a hash of the binary elsewhere. Never random.
source "$(dirname "$0")/common.sh"

expected_version="$(sed -n 's/^project(hoplite VERSION \([0-9.]*\).*/\1/p' "$SOURCE_DIR/CMakeLists.txt")"

run "$SERVICEFULL" --build-id ci-42 version
expect_rc 0
expect_stderr_empty
expect_stdout_contains "hoplite: $expected_version"
grep -Eq '^hoplite commit: ([0-9a-f]{12}(-dirty)?|unknown)$' "$TMP/out" || fail "no hoplite commit line"
grep -Eq '^compiler: (GNU|Clang) [0-9]+\.' "$TMP/out" || fail "no compiler line"
expect_stdout_contains "service: ServicefulStepFunction"
expect_stdout_contains "build id: ci-42 (from flag)"

# Outside any repository: the first 12 hex digits of the binary's SHA-256, the same every time.
mkdir -p "$TMP/plain"
expected_hash="$(sha256sum "$SERVICEFULL" | cut -c1-12)"
(cd "$TMP/plain" && "$SERVICEFULL" version) >"$TMP/out" || fail "version failed"
expect_stdout_contains "build id: $expected_hash (from binary)"

# In a git repository: its commit, then -dirty once the worktree changes.
if ! command -v git >/dev/null; then
  echo "ok (git not installed: repository cases skipped)"
  exit 0
fi
repo="$TMP/repo"
mkdir -p "$repo"
git -C "$repo" init -q
echo "x" >"$repo/file"
git -C "$repo" add file
git -C "$repo" -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false commit -q -m one
commit="$(git -C "$repo" rev-parse HEAD | cut -c1-12)"
(cd "$repo" && "$SERVICEFULL" version) >"$TMP/out" || fail "version failed in a repo"
expect_stdout_contains "build id: $commit (from git)"
echo "y" >"$repo/file"
(cd "$repo" && "$SERVICEFULL" version) >"$TMP/out" || fail "version failed in a dirty repo"
expect_stdout_contains "build id: $commit-dirty (from git)"
echo "ok"
