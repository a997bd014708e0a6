#!/usr/bin/env bash
# describe writes one self-contained HTML page: the same bytes for the same service (offline),
# the image build made or would make, clear errors (usage, Graphviz missing, no AWS), nothing
# written on failure.
source "$(dirname "$0")/common.sh"
command -v dot >/dev/null || { echo "SKIP: Graphviz's dot is not installed"; exit 77; }

# Byte-identical across runs, users, time zones and directories (offline, same build id).
mkdir -p "$TMP/a" "$TMP/b"
(cd "$TMP/a" && env USER=alice TZ=UTC "$SERVICEFULL" --build-id t1 describe --no-image 2>/dev/null) ||
  fail "describe failed in $TMP/a"
[ -f "$TMP/a/ServicefulStepFunction.html" ] || fail "describe did not write <service>.html by default"
sleep 1.1
(cd "$TMP/b" && env USER=bob TZ=Pacific/Chatham "$SERVICEFULL" --build-id t1 describe --no-image --out page.html \
  2>/dev/null) || fail "describe failed in $TMP/b"
cmp "$TMP/a/ServicefulStepFunction.html" "$TMP/b/page.html" || fail "describe differs between two runs"
grep -q "alice\|bob" "$TMP/b/page.html" && fail "the user name leaked into the page"
grep -q '<html lang="en">' "$TMP/b/page.html" || fail "not an HTML page"
[ "$(ls -A "$TMP/b")" = "page.html" ] || fail "temporary files left behind: $(ls -A "$TMP/b")"

# --out - writes the page to stdout.
run "$SERVICEFULL" --build-id t1 describe --no-image --out -
expect_rc 0
cmp "$TMP/out" "$TMP/b/page.html" || fail "--out - printed something else than the file holds"

# The image: computed as build would (same digest), or read from the layout build wrote.
run "$SERVICEFULL" --build-id t1 build --binary /bin/true --out "$TMP/layout"
expect_rc 0
digest="$(cat "$TMP/out")"
run "$SERVICEFULL" --build-id t1 describe --binary /bin/true --out "$TMP/computed.html"
expect_rc 0
grep -qF "$digest" "$TMP/computed.html" || fail "the computed image's digest is not build's $digest"
run "$SERVICEFULL" --build-id t1 describe --binary /bin/true --out "$TMP/computed2.html"
cmp "$TMP/computed.html" "$TMP/computed2.html" || fail "the image section differs between two runs"
run "$SERVICEFULL" --build-id t1 describe --image "$TMP/layout" --out "$TMP/layout.html"
expect_rc 0
grep -qF "$digest" "$TMP/layout.html" || fail "the layout's digest $digest is not on the page"
grep -qF "oci:$TMP/layout:t1" "$TMP/layout.html" || fail "the page does not name the layout it read"
grep -qF "app/service" "$TMP/layout.html" || fail "the layer listing does not show the binary"

# Usage errors exit 2; runtime failures exit 1 and leave no file.
run "$SERVICEFULL" describe --no-image --image "$TMP/layout"
expect_rc 2
expect_stderr_contains "--no-image cannot be combined"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# --local with nothing listening and no `hoplite` tool to start: says what to run, writes nothing.
run env PATH=/usr/bin:/bin HOPLITE_LOCAL_URL="http://127.0.0.1:$port" \
  "$SERVICEFULL" --local describe --no-image --out "$TMP/local.html"
expect_rc 1
expect_stderr_contains "nothing answers at http://127.0.0.1:$port"
expect_stderr_contains "hoplite local up --port $port"
[ ! -e "$TMP/local.html" ] || fail "a failing --local describe left a file"
run env PATH=/nonexistent "$SERVICEFULL" --build-id t1 describe --no-image --out "$TMP/nodot.html"
expect_rc 1
expect_stderr_contains "apt-get install graphviz"
[ ! -e "$TMP/nodot.html" ] || fail "a failing describe left a file"
run env AWS_ACCESS_KEY_ID=AKID AWS_SECRET_ACCESS_KEY=secret AWS_REGION=us-east-1 AWS_MAX_ATTEMPTS=1 \
  AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true \
  "$SERVICEFULL" --build-id t1 --endpoint-url "http://127.0.0.1:$port" describe --no-image --out "$TMP/live.html"
expect_rc 1
expect_stderr_contains "reading stack ServicefulStepFunction"
[ ! -e "$TMP/live.html" ] || fail "a failing live describe left a file"
run "$SERVICEFULL" describe --no-image --out "$TMP/no/such/dir/p.html"
expect_rc 1
expect_stderr_contains "p.html"
echo "ok"
