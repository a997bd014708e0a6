#!/usr/bin/env bash
# hoplite against its peers, in pairs: each iteration runs hoplite (A) and the peer (B) back to
# back (alternating which goes first), so both see the same machine load; the report gives the
# median of each and the median of the per-pair ratios.
#
#   bench/push_bench.sh [SERVICE_BINARY] [RUNS]
#   cmake --build BUILD --target push_bench
#
#   1. build + push to an empty registry (cold layer cache)  vs  skopeo copy of the same layout
#   2. a no-change push (warm cache, registry has the image)  vs  the same skopeo copy again
#   3. peak RSS of build (/usr/bin/time)                       vs  skopeo copy
#   4. servicefull synth                                       vs  cdk synth of the same stack
#      (bench/cdk, aws-cdk pinned; installed from npm on first use into bench/cdk/node_modules)
#   5. fargateTask start-up time and peak RSS
#
# SERVICE_BINARY defaults to $HOPLITE_BINARY_DIR/examples/servicefull/servicefull (or
# build/examples/servicefull/servicefull); RUNS defaults to 5 (cdk synth: at most 3). Starts and
# stops its own docker-registry on a free 127.0.0.1 port; everything else lives in a temp dir.
# HOPLITE_BENCH_NO_CDK=1 skips item 4.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-${HOPLITE_BINARY_DIR:-$here/../build}/examples/servicefull/servicefull}"
runs="${2:-5}"
[ -x "$bin" ] || { echo "push_bench: no service binary at $bin (build the servicefull target)" >&2; exit 2; }
for tool in docker-registry skopeo python3 curl /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "push_bench: $tool is not installed (scripts/setup)" >&2; exit 2; }
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

# secs CMD... : runs CMD (stdout to $work/out, stderr to $work/err) and prints WALL:CPU, its wall
# time and the CPU time (user + system) it and its children used, in seconds. CPU time does not
# depend on how loaded the machine is; wall time does, and that is what the user waits for.
secs() {
  python3 - "$@" <<'PY'
import os, resource, subprocess, sys, time
with open(os.environ["BENCH_OUT"], "wb") as out, open(os.environ["BENCH_ERR"], "wb") as err:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    rc = subprocess.run(sys.argv[1:], stdout=out, stderr=err).returncode
    elapsed = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
if rc != 0:
    sys.stderr.write("push_bench: %s exited %d\n" % (" ".join(sys.argv[1:]), rc))
    sys.exit(1)
cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
print("%.4f:%.4f" % (elapsed, cpu))
PY
}
export BENCH_OUT="$work/out" BENCH_ERR="$work/err"
# kib CMD... : peak RSS of CMD in KiB (/usr/bin/time).
kib() { /usr/bin/time -f "%M" -o "$work/rss" "$@" >"$work/out" 2>"$work/err" && cat "$work/rss"; }
fail_with() { echo "push_bench: $1" >&2; cat "$work/err" >&2; exit 1; }

# report NAME UNIT A-values... -- B-values...: medians and the median per-pair ratio A/B. Values
# are WALL:CPU (UNIT s: CPU medians follow on a second line) or KiB.
report() {
  python3 - "$@" <<'PY'
import statistics, sys
name, unit, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
cut = rest.index("--")
def col(values, i):
    return [float(v.split(":")[i]) if ":" in v else float(v) for v in values]
def line(label, a, b, fmt):
    ratios = [x / y for x, y in zip(a, b) if y > 0]
    print("%-34s %12s %12s %9.3f" % (label, fmt(statistics.median(a)), fmt(statistics.median(b)),
                                       statistics.median(ratios)))
if unit == "s":
    line(name, col(rest[:cut], 0), col(rest[cut + 1:], 0), lambda v: "%.3f s" % v)
    line("  (CPU time)", col(rest[:cut], 1), col(rest[cut + 1:], 1), lambda v: "%.3f s" % v)
else:
    line(name, col(rest[:cut], 0), col(rest[cut + 1:], 0), lambda v: "%.1f MiB" % (v / 1024))
PY
}

export DOCKER_CONFIG="$work/docker"   # no credentials: the registry is anonymous
policy="$work/policy.json"
echo '{"default":[{"type":"insecureAcceptAnything"}]}' >"$policy"
skopeo_copy() { skopeo --policy "$policy" copy -q --dest-tls-verify=false "oci:$work/layout:bench" "docker://$host/$1:bench"; }

# The layout skopeo copies: hoplite's own, so both push the same bytes.
cd "$work"
HOPLITE_CACHE_DIR="$work/prebuilt-cache" "$bin" build --out "$work/layout" --tag bench --build-id bench \
  --level warn >/dev/null 2>"$work/err" || fail_with "building the layout failed"
start_registry

push_a=() push_b=() again_a=() again_b=() rss_a=() rss_b=() uploads=()
for i in $(seq "$runs"); do
  # 1. Cold: empty registry, empty layer cache (what a first push costs).
  first=$(( i % 2 ))
  for side in $first $(( 1 - first )); do
    wipe_registry
    if [ "$side" = 0 ]; then
      rm -rf "$work/cache"
      push_a+=("$(HOPLITE_CACHE_DIR="$work/cache" secs "$bin" build --push "$host/svc:bench" --build-id bench)") ||
        fail_with "build --push failed"
    else
      push_b+=("$(secs skopeo --policy "$policy" copy -q --dest-tls-verify=false "oci:$work/layout:bench" \
        "docker://$host/svc:bench")") || fail_with "skopeo copy failed"
    fi
  done
  # 2. No change: the registry has the image, hoplite's cache is warm.
  HOPLITE_CACHE_DIR="$work/cache" "$bin" build --push "$host/svc:bench" --build-id bench >/dev/null 2>&1
  skopeo_copy svc
  for side in $first $(( 1 - first )); do
    if [ "$side" = 0 ]; then
      again_a+=("$(HOPLITE_CACHE_DIR="$work/cache" secs "$bin" build --push "$host/svc:bench" --build-id bench)")
      uploads+=("$(sed -n 's/.*pushed .* (\([0-9]*\) uploaded.*/\1/p' "$work/err")")
    else
      again_b+=("$(secs skopeo --policy "$policy" copy -q --dest-tls-verify=false "oci:$work/layout:bench" \
        "docker://$host/svc:bench")")
    fi
  done
  # 3. Peak memory: a cold build of the layout against a copy of it.
  for side in $first $(( 1 - first )); do
    if [ "$side" = 0 ]; then
      rm -rf "$work/cache" "$work/rss-layout" "$work/rss-layout.debug"
      rss_a+=("$(HOPLITE_CACHE_DIR="$work/cache" kib "$bin" build --out "$work/rss-layout" --build-id bench)") ||
        fail_with "build --out failed"
    else
      wipe_registry
      rss_b+=("$(kib skopeo --policy "$policy" copy -q --dest-tls-verify=false "oci:$work/layout:bench" \
        "docker://$host/svc:bench")") || fail_with "skopeo copy failed"
    fi
  done
done
stop_registry

# 4. synth against cdk synth of the same stack.
synth_a=() synth_b=()
cdk_note=""
if [ "${HOPLITE_BENCH_NO_CDK:-}" = 1 ]; then
  cdk_note="skipped (HOPLITE_BENCH_NO_CDK=1)"
elif ! command -v npm >/dev/null; then
  cdk_note="skipped (npm is not installed)"
else
  if [ ! -x "$here/cdk/node_modules/.bin/cdk" ]; then
    echo "push_bench: installing the pinned aws-cdk into bench/cdk/node_modules (once)" >&2
    (cd "$here/cdk" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || cdk_note="skipped (npm ci failed)"
  fi
  if [ -z "$cdk_note" ]; then
    export CDK_DISABLE_CLI_TELEMETRY=true
    cdk_runs=$(( runs < 3 ? runs : 3 ))
    for i in $(seq "$cdk_runs"); do
      for side in $(( i % 2 )) $(( 1 - i % 2 )); do
        if [ "$side" = 0 ]; then
          synth_a+=("$(secs "$bin" synth --level warn)")
        else
          rm -rf "$work/cdk.out"
          synth_b+=("$(cd "$here/cdk" && secs node_modules/.bin/cdk synth --app "node app.js" --output "$work/cdk.out" \
            --no-notices --no-version-reporting --quiet)") || fail_with "cdk synth failed"
        fi
      done
    done
  fi
fi

# 5. The task: start-up to exit, and memory.
task_t=() task_rss=()
for i in $(seq $(( runs * 4 ))); do
  task_t+=("$(secs "$bin" fargateTask)")
  task_rss+=("$(kib "$bin" fargateTask)")
done

sizes="$(python3 - "$work/layout" <<'PY'
import json, os, sys
d = sys.argv[1]
idx = json.load(open(os.path.join(d, "index.json")))
m = json.load(open(os.path.join(d, "blobs", *idx["manifests"][0]["digest"].split(":"))))
sizes = [l["size"] for l in m["layers"]]
print("%.1f MB compressed (runtime layer %.1f MB, binary layer %.1f MB)" % (sum(sizes) / 1e6, sizes[0] / 1e6, sizes[-1] / 1e6))
PY
)"
echo
echo "image: $sizes; $runs paired runs (medians; ratio = median of hoplite/peer per pair)"
printf "%-34s %12s %12s %9s   %s\n" "" "hoplite" "peer" "ratio" "peer, goal"
report "build + push, empty registry" s "${push_a[@]}" -- "${push_b[@]}"
echo "                                   peer: skopeo copy of the prebuilt layout; goal: ratio <= 1.5"
report "no-change push" s "${again_a[@]}" -- "${again_b[@]}"
echo "                                   peer: skopeo copy again; goal: <= 0.100 s, blobs uploaded: ${uploads[*]}"
report "peak RSS (build vs copy)" KiB "${rss_a[@]}" -- "${rss_b[@]}"
echo "                                   peer: skopeo copy; goal: build <= 64 MiB"
if [ ${#synth_a[@]} -gt 0 ]; then
  report "synth" s "${synth_a[@]}" -- "${synth_b[@]}"
  python3 - "${synth_a[@]}" -- "${synth_b[@]}" <<'PY'
import statistics, sys
a = sys.argv[1:sys.argv.index("--")]; b = sys.argv[sys.argv.index("--") + 1:]
print("                                   peer: cdk synth of bench/cdk/app.js; hoplite is %.0fx faster (goal: >= 200x)"
      % statistics.median(float(y.split(":")[0]) / float(x.split(":")[0]) for x, y in zip(a, b)))
PY
else
  echo "synth vs cdk synth                 $cdk_note"
fi
python3 - "${task_t[@]}" -- "${task_rss[@]}" <<'PY'
import statistics, sys
cut = sys.argv.index("--")
t = [x.split(":") for x in sys.argv[1:cut]]; r = [float(x) for x in sys.argv[cut + 1:]]
print("%-34s %12s %12s   (CPU %.4f s)" % ("fargateTask start-up, peak RSS", "%.4f s" % statistics.median(float(w) for w, _ in t),
                                          "%.1f MiB" % (statistics.median(r) / 1024),
                                          statistics.median(float(c) for _, c in t)))
PY
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
