# Helpers for the local cloud's CLI sessions; sourced by every *_test.sh.
#   start_local [ARGS...]  starts `hoplite local up` on a free port with a private state directory;
#                          sets ENDPOINT and STATE
#   awsl ARGS...           the real AWS CLI against the local cloud: output JSON in $TMP/out,
#                          stderr in $TMP/err, exit code in $RC. KEY, SECRET, TOKEN, REGION select
#                          the credentials and region (default test/test, us-east-1)
#   json EXPR              evaluates a Python expression over the last JSON output (`d`)
#   start_registry         a real docker-registry on a free port (RPORT); stopped at exit
#   push_image BINARY NAME pushes BINARY's image (`BINARY build --push`) to it; prints the
#                          reference by digest
set -euo pipefail

: "${HOPLITE:?set HOPLITE to the hoplite tool (ctest does)}"
AWS_CLI="${AWS_CLI:-/usr/bin/aws}"
if [ ! -x "$AWS_CLI" ]; then
  echo "SKIP: the AWS CLI ($AWS_CLI) is not installed" >&2
  exit 77
fi
TMP="$(mktemp -d)"
STATE="$TMP/state"
ENDPOINT=""

REGISTRY_PID=""
cleanup() {
  if [ -n "$ENDPOINT" ]; then "$HOPLITE" local down --data-dir "$STATE" >/dev/null 2>&1 || true; fi
  if [ -n "$REGISTRY_PID" ]; then kill "$REGISTRY_PID" 2>/dev/null || true; wait "$REGISTRY_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  for f in out err; do
    if [ -s "$TMP/$f" ]; then
      echo "--- $f of the last command:" >&2
      head -c 3000 "$TMP/$f" >&2
      echo >&2
    fi
  done
  if [ -s "$STATE/server.log" ]; then
    echo "--- server log:" >&2
    tail -c 3000 "$STATE/server.log" >&2
  fi
  exit 1
}

start_local() {
  "$HOPLITE" local up --port 0 --data-dir "$STATE" "$@" >"$TMP/up.out" 2>"$TMP/up.err" || fail "hoplite local up failed: $(cat "$TMP/up.err")"
  ENDPOINT="$(grep -o 'http://127.0.0.1:[0-9]*' "$TMP/up.out" | head -1)"
  [ -n "$ENDPOINT" ] || fail "hoplite local up printed no endpoint: $(cat "$TMP/up.out")"
}

awsl() {
  set +e
  env -i PATH=/usr/bin:/bin HOME="$TMP" LANG=C.UTF-8 \
    AWS_ACCESS_KEY_ID="${KEY:-test}" AWS_SECRET_ACCESS_KEY="${SECRET:-test}" ${TOKEN:+AWS_SESSION_TOKEN="$TOKEN"} \
    AWS_REGION="${REGION:-us-east-1}" AWS_DEFAULT_REGION="${REGION:-us-east-1}" \
    AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true \
    AWS_PAGER= AWS_MAX_ATTEMPTS=1 \
    "$AWS_CLI" --endpoint-url "$ENDPOINT" --output json "$@" >"$TMP/out" 2>"$TMP/err"
  RC=$?
  set -e
  LAST="aws $*"
}

expect_rc() {
  [ "$RC" = "$1" ] || fail "expected exit code $1, got $RC from: $LAST"
}

expect_err_contains() {
  grep -qF -- "$1" "$TMP/err" || fail "stderr of '$LAST' lacks '$1'"
}

json() {
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$TMP/out"
}

expect_json() {
  local got
  got="$(json "$1")"
  [ "$got" = "$2" ] || fail "$1 is '$got', expected '$2' (from: $LAST)"
}

start_registry() {
  command -v docker-registry >/dev/null || { echo "SKIP: docker-registry is not installed" >&2; exit 77; }
  RPORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  mkdir -p "$TMP/registry"
  cat >"$TMP/registry.yml" <<EOF
version: 0.1
storage: { filesystem: { rootdirectory: $TMP/registry }, delete: { enabled: true } }
http: { addr: 127.0.0.1:$RPORT }
log: { level: error }
EOF
  docker-registry serve "$TMP/registry.yml" >"$TMP/registry.log" 2>&1 &
  REGISTRY_PID=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$RPORT/v2/" >/dev/null && break; sleep 0.1; done
}

push_image() {
  HOPLITE_CACHE_DIR="$TMP/cache" DOCKER_CONFIG="$TMP/docker" \
    "$1" build --push "127.0.0.1:$RPORT/$2:v1" --build-id local-test >"$TMP/push.out" 2>"$TMP/push.err" ||
    fail "pushing $2: $(cat "$TMP/push.err")"
  grep -o "127.0.0.1:$RPORT/$2@sha256:[0-9a-f]*" "$TMP/push.out" | tail -1
}

# The provision sessions' service (tests/cli/provision_service.cpp), run as a user runs it:
#   need_provision_service  skips unless the service is built and containers can run (crun, root)
#   svc [VAR=VALUE...] -- ARGS...   runs `SERVICE --local ARGS` against this cloud with the given
#                          knobs; stdout in $TMP/svc.out, stderr in $TMP/svc.err, exit code in $RC
#   svc_fail MESSAGE       fails showing the service's output
need_provision_service() {
  SERVICE="${HOPLITE_PROVISION_SERVICE:-}"
  [ -n "$SERVICE" ] && [ -x "$SERVICE" ] || { echo "SKIP: hoplite_provision_test_service is not built" >&2; exit 77; }
  command -v crun >/dev/null || { echo "SKIP: crun is not installed" >&2; exit 77; }
  [ "$(id -u)" = 0 ] || { echo "SKIP: the local cloud runs containers with crun as root only" >&2; exit 77; }
}

svc() {
  local knobs=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do knobs+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  set +e
  env -i PATH=/usr/bin:/bin HOME="$TMP" HOPLITE_LOCAL_URL="${SVC_URL:-$ENDPOINT}" HOPLITE_CACHE_DIR="$TMP/cache" \
    "${knobs[@]}" "$SERVICE" --local "$@" >"$TMP/svc.out" 2>"$TMP/svc.err"
  RC=$?
  set -e
  LAST="${knobs[*]} service --local $*"
}

svc_fail() {
  echo "--- stdout of $LAST:" >&2
  tail -c 3000 "$TMP/svc.out" >&2
  echo "--- stderr:" >&2
  tail -c 3000 "$TMP/svc.err" >&2
  fail "$@"
}

make_network() {  # a VPC with a subnet and a security group, as ECS's RunTask requires → SUBNET, SG
  awsl ec2 create-vpc --cidr-block 10.0.0.0/16
  expect_rc 0
  local vpc
  vpc="$(json 'd["Vpc"]["VpcId"]')"
  awsl ec2 create-subnet --vpc-id "$vpc" --cidr-block 10.0.1.0/24
  expect_rc 0
  SUBNET="$(json 'd["Subnet"]["SubnetId"]')"
  awsl ec2 create-security-group --group-name tasks --description "ECS tasks" --vpc-id "$vpc"
  expect_rc 0
  SG="$(json 'd["GroupId"]')"
}
