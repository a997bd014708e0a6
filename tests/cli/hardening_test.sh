#!/usr/bin/env bash
# What a hostile registry, AWS endpoint, file or flag could do to the service binary before
# issue 12 — each case failed on the old main. The peers are tests/cli/fake_peer.py on 127.0.0.1.
source "$(dirname "$0")/common.sh"

PEERS=()
stop_peers() {
  for pid in "${PEERS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PEERS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap stop_peers EXIT

# start_peer NAME MODE [OTHER_PORT]: starts a fake peer; its port lands in $PORT.
start_peer() {
  python3 "$SOURCE_DIR/tests/cli/fake_peer.py" "$2" "$TMP/$1.port" "$TMP/$1.log" "${3:-}" &
  PEERS+=($!)
  # Up to 30 s: under a loaded CI machine a Python start can take seconds.
  for _ in $(seq 600); do [ -f "$TMP/$1.port" ] && break; sleep 0.05; done
  [ -f "$TMP/$1.port" ] || fail "fake peer $1 did not start"
  PORT=$(cat "$TMP/$1.port")
  touch "$TMP/$1.log"
}

# Offline AWS settings: static keys, no profiles, no instance metadata.
aws_env=(env AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=secret AWS_REGION=us-east-1
  AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true AWS_MAX_ATTEMPTS=1)

# --- Names are checked by their grammar before any work (exit 2, no request sent).
start_peer names registry-cross-host
for tag in '../../prod/manifests/x' 'v2?foo=bar#frag' '.hidden' "$(printf 'a\033[2Jb')"; do
  run "$TEST_SERVICE" build --tag "$tag" --push "127.0.0.1:$PORT/svc"
  expect_rc 2
  expect_stderr_contains "is not a tag"
  grep -q $'\033' "$TMP/err" && fail "an escape sequence from --tag reached the terminal"
done
run "$TEST_SERVICE" build --push ''
expect_rc 2
expect_stderr_contains "the reference is empty"
run "$TEST_SERVICE" build --push 'alice:s3cr3t@127.0.0.1/svc'
expect_rc 2
expect_stderr_contains "cannot carry credentials"
grep -q 's3cr3t' "$TMP/err" && fail "the password in the reference was echoed"
run "$TEST_SERVICE" build --user 'root;rm -rf /' --out "$TMP/img"
expect_rc 2
expect_stderr_contains "is not a user"
[ ! -e "$TMP/img" ] || fail "a usage error still built an image"
[ ! -s "$TMP/names.log" ] || fail "a bad name reached the registry: $(cat "$TMP/names.log")"

# --- Credentials stay with the host that challenged: a cross-host upload Location gets none.
start_peer sink upload-sink
sink_port=$PORT
start_peer registry registry-cross-host "$sink_port"
mkdir -p "$TMP/docker"
printf '{"auths":{"127.0.0.1:%s":{"auth":"%s"}}}' "$PORT" "$(printf 'alice:s3cr3t' | base64)" >"$TMP/docker/config.json"
run env DOCKER_CONFIG="$TMP/docker" "$TEST_SERVICE" --build-id t1 build --push "127.0.0.1:$PORT/svc:v1"
expect_rc 0
grep -q '^PUT /upload/1.* auth=yes' "$TMP/sink.log" && fail "the other host received the registry's credentials"
grep -q '^PUT /upload/1.* auth=no' "$TMP/sink.log" || fail "the blob upload never reached the other host"
grep -q '^PUT /v2/svc/manifests/v1 auth=yes' "$TMP/registry.log" || fail "the registry itself got no credentials"

# --- Deep or huge answers are errors, not crashes.
start_peer deep aws-deep-xml
run "${aws_env[@]}" "$TEST_SERVICE" --endpoint-url "http://127.0.0.1:$PORT" status
expect_rc 1
expect_stderr_contains "nests deeper than"

# --- Peer text reaches the terminal escaped: no raw escape sequence, no forged line.
start_peer escape aws-escape
run "${aws_env[@]}" "$TEST_SERVICE" --endpoint-url "http://127.0.0.1:$PORT" status
expect_rc 1
grep -q $'\033' "$TMP/err" && fail "a raw escape sequence from the endpoint reached stderr"
grep -q '^INFO  forged line' "$TMP/err" && fail "the endpoint forged a log line"
expect_stderr_contains 'Stack \x1b[2J\x1b[31mgone\nINFO  forged line'

# --- A dripping registry is given up at the deadline, with a word for each retry.
start_peer drip drip
start=$(date +%s)
run "$TEST_SERVICE" --build-id t1 --timeout 4s build --push "127.0.0.1:$PORT/svc:v1"
elapsed=$(( $(date +%s) - start ))
expect_rc 1
expect_stderr_contains "retrying in"
expect_stderr_contains "gave up at the deadline"
[ "$elapsed" -lt 60 ] || fail "the push took ${elapsed}s despite --timeout 4s"

# --- --out never replaces what is not a regular file.
echo precious >"$TMP/target"
ln -s "$TMP/target" "$TMP/link"
run "$SERVICEFULL" synth --out "$TMP/link"
expect_rc 1
expect_stderr_contains "a symbolic link"
[ -L "$TMP/link" ] && [ "$(cat "$TMP/target")" = "precious" ] || fail "synth --out replaced the symlink or its target"
mkfifo "$TMP/fifo"
run timeout 20 "$SERVICEFULL" synth --out "$TMP/fifo"
expect_rc 1
[ -p "$TMP/fifo" ] || fail "synth --out replaced the FIFO"
run "$SERVICEFULL" synth --out /dev/null
expect_rc 1
expect_stderr_contains "a character device"
[ -c /dev/null ] || fail "synth --out replaced /dev/null"
# New files honour the umask, as every tool's output does.
(umask 077 && "$SERVICEFULL" synth --out "$TMP/private.json" 2>/dev/null) || fail "synth --out failed"
[ "$(stat -c %a "$TMP/private.json")" = 600 ] || fail "synth --out ignored the umask: $(stat -c %a "$TMP/private.json")"
run "$TEST_SERVICE" build --out "$TMP/link"
expect_rc 1
expect_stderr_contains "not a directory"

# --- Config paths that are FIFOs or devices fail at once instead of hanging or filling memory.
run timeout 20 env AWS_CONFIG_FILE="$TMP/fifo" AWS_EC2_METADATA_DISABLED=true AWS_REGION=us-east-1 \
  "$TEST_SERVICE" --endpoint-url "http://127.0.0.1:1" status
expect_rc 1
expect_stderr_contains "a FIFO"
run timeout 20 env AWS_CONFIG_FILE=/dev/zero AWS_EC2_METADATA_DISABLED=true AWS_REGION=us-east-1 \
  "$TEST_SERVICE" --endpoint-url "http://127.0.0.1:1" status
expect_rc 1
expect_stderr_contains "a character device"

# --- A result that cannot be written is a failure, not a silent success.
if [ -w /dev/full ]; then
  set +e
  "$TEST_SERVICE" version >/dev/full 2>"$TMP/err"
  RC=$?
  set -e
  LAST="version >/dev/full"
  expect_rc 1
  expect_stderr_contains "cannot write the result to standard output"
  set +e
  "$TEST_SERVICE" --build-id t1 build --out "$TMP/full-layout" >/dev/full 2>"$TMP/err"
  RC=$?
  set -e
  LAST="build >/dev/full"
  expect_rc 1
fi
echo "ok"
