#!/usr/bin/env bash
# describe of a generated 200-resource service (tests/browser/big_service.cpp), beside Graphviz
# alone drawing the same resource graph (`dot -Tsvg` of a plain graph of the template: nodes
# labelled with their ids and types, one edge per reference, clusters per service — what a
# minimal describe would hand to dot). Medians of RUNS runs each, and the ratio.
#
#   bench/describe_bench.sh [BIG_SERVICE_BINARY] [RUNS]
#   cmake --build BUILD --target describe_bench
#
# Also: describe with the image read from an OCI layout (written once by `build`) of the service
# binary stripped of debug information (what an image should hold; an unstripped RelWithDebInfo
# binary is 100+ MiB, and reading its layout costs seconds: two gunzips and the digests).
set -euo pipefail

bin="${1:-${HOPLITE_BINARY_DIR:-$(dirname "$0")/../build}/tests/browser/hoplite_big_service}"
runs="${2:-7}"
[ -x "$bin" ] || { echo "describe_bench: no service binary at $bin (build hoplite_big_service)" >&2; exit 2; }
for tool in dot python3; do
  command -v "$tool" >/dev/null || { echo "describe_bench: $tool is not installed" >&2; exit 2; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$bin" --build-id bench synth --out "$work/template.json" 2>/dev/null
python3 - "$work/template.json" >"$work/plain.dot" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
res = t["Resources"]
def refs(v, out):
    stack = [v]
    while stack:
        x = stack.pop()
        if isinstance(x, dict):
            if len(x) == 1 and "Ref" in x and isinstance(x["Ref"], str): out.add(x["Ref"]); continue
            if len(x) == 1 and "Fn::GetAtt" in x: out.add(x["Fn::GetAtt"][0] if isinstance(x["Fn::GetAtt"], list) else x["Fn::GetAtt"].split(".")[0]); continue
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)
groups = {}
for name, r in res.items():
    groups.setdefault(r["Type"].split("::")[1], []).append(name)
print("digraph g { rankdir=LR; node [shape=box, fontname=monospace];")
for i, (svc, names) in enumerate(groups.items()):
    print(f' subgraph cluster_{i} {{ label="{svc}";')
    for n in names: print(f'  "{n}" [label="{n}\\n{res[n]["Type"]}"];')
    print(" }")
for name, r in res.items():
    out = set(); refs(r.get("Properties", {}), out)
    deps = r.get("DependsOn", []); out.update([deps] if isinstance(deps, str) else deps)
    for target in sorted(out):
        if target in res and target != name: print(f' "{target}" -> "{name}" [dir=back];')
print("}")
PY
packaged="$bin"
if command -v strip >/dev/null; then strip -o "$work/service" "$bin" && packaged="$work/service"; fi
"$bin" --build-id bench build --binary "$packaged" --out "$work/image" >/dev/null 2>&1
packaged_mib=$(( $(stat -c %s "$packaged") / 1048576 ))

ms() { python3 -c "import sys; print('%.0f' % ((int(sys.argv[2]) - int(sys.argv[1])) / 1e6))" "$1" "$2"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_runs() {  # time_runs OUT_FILE COMMAND... → median ms
  local t
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    ms "$start" "$end"
  done | median
}

describe_ms=$(time_runs "$bin" --build-id bench describe --no-image --out "$work/page.html")
image_ms=$(time_runs "$bin" --build-id bench describe --image "$work/image" --out "$work/page-image.html")
dot_ms=$(time_runs dot -Tsvg -o "$work/plain.svg" "$work/plain.dot")
resources=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['Resources']))" "$work/template.json")
page_kb=$(( $(stat -c %s "$work/page.html") / 1024 ))

echo "describe benchmark: $resources resources, $runs runs, medians"
printf '  %-44s %6s ms   (page %s KiB)\n' "hoplite describe --no-image" "$describe_ms" "$page_kb"
printf '  %-44s %6s ms   (binary %s MiB)\n' "hoplite describe --image LAYOUT" "$image_ms" "$packaged_mib"
printf '  %-44s %6s ms\n' "peer: dot -Tsvg of the plain resource graph" "$dot_ms"
python3 -c "import sys; d, p = float(sys.argv[1]), float(sys.argv[2]); print('  ratio describe / dot alone: %.2f' % (d / p if p else float('nan')))" "$describe_ms" "$dot_ms"
