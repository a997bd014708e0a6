#!/usr/bin/env bash
# The main job's speed on the local cloud, and synth beside cdk synth (issue 11's benchmark):
#
#   bench/provision.sh [SERVICE_BINARY] [HOPLITE_TOOL] [RUNS]
#   cmake --build BUILD --target provision_bench
#
#   1. provision --local, cold: a fresh local cloud and an empty layer cache    goal <= 2 s
#   2. provision --local with nothing changed                                   goal <= 0.3 s
#   3. execute --local, start to SUCCEEDED (the fargateTask as a container)     goal <= 0.5 s
#   4. synth vs cdk synth of the same stack (bench/cdk, aws-cdk pinned,
#      installed from npm on first use into bench/cdk/node_modules)             goal >= 50x faster
#
# SERVICE_BINARY defaults to build/examples/servicefull/servicefull, HOPLITE_TOOL to
# build/tools/hoplite/hoplite, RUNS to 5 (cdk synth: at most 3). Each run starts its own local
# cloud on a free port with a private state directory and stops it. Item 3 needs root and crun
# (the local cloud runs tasks with crun); without them it is skipped. HOPLITE_BENCH_NO_CDK=1
# skips item 4. Prints medians (wall and CPU time) and, for synth, the median per-pair ratio.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
build="${HOPLITE_BINARY_DIR:-$here/../build}"
bin="${1:-$build/examples/servicefull/servicefull}"
tool="${2:-$build/tools/hoplite/hoplite}"
runs="${3:-5}"
[ -x "$bin" ] || { echo "provision_bench: no service binary at $bin (build the servicefull target)" >&2; exit 2; }
[ -x "$tool" ] || { echo "provision_bench: no hoplite tool at $tool (build the hoplite_tool target)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "provision_bench: python3 is not installed" >&2; exit 2; }
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
tool="$(cd "$(dirname "$tool")" && pwd)/$(basename "$tool")"
can_execute=1
command -v crun >/dev/null && [ "$(id -u)" = 0 ] || can_execute=0

work="$(mktemp -d)"
endpoint=""
stop_cloud() {
  if [ -n "$endpoint" ]; then "$tool" local down --data-dir "$work/state" >/dev/null 2>&1 || true; endpoint=""; fi
}
trap 'stop_cloud; rm -rf "$work"' EXIT
start_cloud() {
  stop_cloud
  rm -rf "$work/state"
  "$tool" local up --port 0 --data-dir "$work/state" >"$work/up.out" 2>&1 ||
    { echo "provision_bench: hoplite local up failed" >&2; cat "$work/up.out" >&2; exit 1; }
  endpoint="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/up.out" | head -1)"
}

# secs CMD... : runs CMD (stdout to $work/out, stderr to $work/err) and prints WALL:CPU in seconds
# (CPU = user + system of CMD and its children: it does not depend on the machine's load).
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
    sys.stderr.write("provision_bench: %s exited %d\n" % (" ".join(sys.argv[1:]), rc))
    sys.exit(1)
print("%.4f:%.4f" % (elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)))
PY
}
export BENCH_OUT="$work/out" BENCH_ERR="$work/err"
fail_with() { echo "provision_bench: $1" >&2; tail -c 3000 "$work/err" >&2; exit 1; }
# svc ARGS...: the service against the current local cloud, timed (WALL:CPU).
svc() {
  secs env -i PATH=/usr/bin:/bin HOME="$work" HOPLITE_LOCAL_URL="$endpoint" HOPLITE_CACHE_DIR="$work/cache" \
    "$bin" --local --level warn "$@"
}

cold=() again=() exec_t=()
for i in $(seq "$runs"); do
  start_cloud
  rm -rf "$work/cache"
  cold+=("$(svc provision)") || fail_with "the cold provision failed"
  again+=("$(svc provision)") || fail_with "the no-change provision failed"
  if [ "$can_execute" = 1 ]; then
    exec_t+=("$(svc execute)") || fail_with "execute failed"
  fi
done
stop_cloud

# synth against cdk synth of the same stack, paired (alternating which goes first).
synth_a=() synth_b=()
cdk_note=""
if [ "${HOPLITE_BENCH_NO_CDK:-}" = 1 ]; then
  cdk_note="skipped (HOPLITE_BENCH_NO_CDK=1)"
elif ! command -v npm >/dev/null; then
  cdk_note="skipped (npm is not installed)"
else
  if [ ! -x "$here/cdk/node_modules/.bin/cdk" ]; then
    echo "provision_bench: installing the pinned aws-cdk into bench/cdk/node_modules (once)" >&2
    (cd "$here/cdk" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || cdk_note="skipped (npm ci failed)"
  fi
  if [ -z "$cdk_note" ]; then
    export CDK_DISABLE_CLI_TELEMETRY=true
    for i in $(seq $(( runs < 3 ? runs : 3 ))); do
      for side in $(( i % 2 )) $(( 1 - i % 2 )); do
        if [ "$side" = 0 ]; then
          synth_a+=("$(secs "$bin" synth --level warn)") || fail_with "synth failed"
        else
          rm -rf "$work/cdk.out"
          synth_b+=("$(cd "$here/cdk" && secs node_modules/.bin/cdk synth --app "node app.js" --output "$work/cdk.out" \
            --no-notices --no-version-reporting --quiet)") || fail_with "cdk synth failed"
        fi
      done
    done
  fi
fi

echo
echo "$(basename "$bin") on the local cloud; $runs runs (medians)"
python3 - "$runs" "${cold[*]}" "${again[*]}" "${exec_t[*]:-}" "${synth_a[*]:-}" "${synth_b[*]:-}" "$cdk_note" <<'PY'
import statistics, sys
runs, cold, again, exe, sa, sb, note = sys.argv[1:]
def parse(s):
    return [tuple(float(x) for x in v.split(":")) for v in s.split()]
def med(values, i):
    return statistics.median(v[i] for v in values)
print("%-40s %10s %10s   %s" % ("", "wall", "CPU", "goal"))
def row(name, values, goal, limit):
    if not values:
        print("%-40s %10s %10s   %s" % (name, "-", "-", "skipped (needs root and crun)"))
        return
    wall = med(values, 0)
    print("%-40s %8.3f s %8.3f s   <= %.1f s %s" % (name, wall, med(values, 1), limit, "met" if wall <= limit else "NOT met"))
row("provision --local, cold", parse(cold), "", 2.0)
row("provision --local, no change", parse(again), "", 0.3)
row("execute --local, start to SUCCEEDED", parse(exe), "", 0.5)
a, b = parse(sa), parse(sb)
if a and b:
    ratio = statistics.median(y[0] / x[0] for x, y in zip(a, b))
    print("%-40s %8.3f s %8.3f s" % ("synth", med(a, 0), med(a, 1)))
    print("%-40s %8.3f s %8.3f s" % ("cdk synth (bench/cdk/app.js)", med(b, 0), med(b, 1)))
    print("%-40s %9.0fx %10s   >= 50x %s" % ("synth faster than cdk synth", ratio, "", "met" if ratio >= 50 else "NOT met"))
else:
    print("%-40s %s" % ("synth vs cdk synth", note))
PY
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
