#!/usr/bin/env bash
# Build+push of the example service's image by hoplite, beside `skopeo copy` of the same image
# (from the OCI layout hoplite wrote) to the same, freshly wiped, local docker-registry.
# Also: a second push of the unchanged image, and a build alone.
#
#   bench/push_bench.sh [SERVICE_BINARY] [RUNS]
#   cmake --build BUILD --target push_bench
#
# SERVICE_BINARY defaults to $HOPLITE_BINARY_DIR/examples/servicefull/servicefull (or
# build/examples/servicefull/servicefull); RUNS (default 5) runs of each; medians are printed.
# Starts and stops its own registry on a free 127.0.0.1 port in a temp dir.
set -euo pipefail

bin="${1:-${HOPLITE_BINARY_DIR:-$(dirname "$0")/../build}/examples/servicefull/servicefull}"
runs="${2:-5}"
[ -x "$bin" ] || { echo "push_bench: no service binary at $bin (build the servicefull target)" >&2; exit 2; }
for tool in docker-registry skopeo python3; do
  command -v "$tool" >/dev/null || { echo "push_bench: $tool is not installed" >&2; exit 2; }
done
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

work="$(mktemp -d)"
reg_pid=""
stop_registry() {
  if [ -n "$reg_pid" ]; then kill "$reg_pid" 2>/dev/null || true; wait "$reg_pid" 2>/dev/null || true; reg_pid=""; fi
}
trap 'stop_registry; rm -rf "$work"' EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
host="127.0.0.1:$port"
cat >"$work/config.yml" <<YAML
version: 0.1
log: { level: error, accesslog: { disabled: true } }
storage: { filesystem: { rootdirectory: $work/data }, delete: { enabled: true } }
http: { addr: $host }
YAML

start_registry() {
  docker-registry serve "$work/config.yml" >>"$work/registry.log" 2>&1 &
  reg_pid=$!
  for _ in $(seq 200); do
    curl -fsS -o /dev/null "http://$host/v2/" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "push_bench: docker-registry did not start" >&2; cat "$work/registry.log" >&2; exit 1
}
wipe_registry() { stop_registry; rm -rf "$work/data"; start_registry; }

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print('%.3f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }
# Push time from the service's own log: from "built image" to "pushed" (ISO timestamps, ms).
push_secs() {
  python3 - "$1" <<'PY'
import datetime, re, sys
stamps = {}
for line in open(sys.argv[1], errors="replace"):
    m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})Z\s+\w+\s+(built image|pushed)", line)
    if m:
        stamps[m.group(2)] = datetime.datetime.fromisoformat(m.group(1))
print("%.3f" % (stamps["pushed"] - stamps["built image"]).total_seconds())
PY
}
median() { python3 -c "import statistics, sys; print('%.3f' % statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }

export DOCKER_CONFIG="$work/docker"   # no credentials: the registry is anonymous
cd "$work"
policy="$work/policy.json"
echo '{"default":[{"type":"insecureAcceptAnything"}]}' >"$policy"

build_t=() push_t=() again_t=() skopeo_t=() push_only_t=() again_only_t=()
start_registry
for i in $(seq "$runs"); do
  rm -rf "$work/layout"
  t0=$(now); "$bin" build --out "$work/layout" --tag bench --build-id bench >/dev/null 2>"$work/build.err"; t1=$(now)
  build_t+=("$(elapsed "$t0" "$t1")")

  wipe_registry
  t0=$(now); ref=$("$bin" build --push "$host/servicefull:bench" --build-id bench 2>"$work/push.err"); t1=$(now)
  push_t+=("$(elapsed "$t0" "$t1")")
  push_only_t+=("$(push_secs "$work/push.err")")
  t0=$(now); "$bin" build --push "$host/servicefull:bench" --build-id bench >/dev/null 2>"$work/again.err"; t1=$(now)
  again_t+=("$(elapsed "$t0" "$t1")")
  again_only_t+=("$(push_secs "$work/again.err")")

  wipe_registry
  t0=$(now)
  skopeo --policy "$policy" copy -q --dest-tls-verify=false "oci:$work/layout:bench" "docker://$host/servicefull:bench" >/dev/null
  t1=$(now)
  skopeo_t+=("$(elapsed "$t0" "$t1")")
done

size=$(du -sb "$work/layout/blobs" | cut -f1)
b=$(median "${build_t[@]}"); p=$(median "${push_t[@]}"); a=$(median "${again_t[@]}"); s=$(median "${skopeo_t[@]}")
ratio=$(python3 -c "import sys; print('%.2f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$p" "$s")
push_only=$(median "${push_only_t[@]}")
ratio_push=$(python3 -c "import sys; print('%.2f' % (float(sys.argv[1]) / float(sys.argv[2])))" "$push_only" "$s")
echo "image: $ref ($(python3 -c "print('%.1f MB' % ($size/1e6))") of blobs), median of $runs runs each"
echo "hoplite build only (layout)          : ${b} s"
echo "hoplite build + push (empty registry) : ${p} s"
echo "skopeo copy layout -> registry (empty): ${s} s"
echo "ratio build+push / skopeo copy        : ${ratio}"
echo "hoplite push alone (from its log)      : ${push_only} s (ratio to skopeo copy ${ratio_push})"
again_only=$(median "${again_only_t[@]}")
echo "hoplite second push, nothing changed  : ${a} s (the push itself, from its log: ${again_only} s)"
