#!/usr/bin/env bash
# Issue 15's Debian acceptance, as a new user on a fresh machine: the .deb that `cpack -G DEB`
# builds from this build tree installs with `apt install ./hoplite-dev_*.deb` in a clean Debian 12
# chroot (mmdebstrap, variant apt: only Essential packages and apt), its Depends pull in everything
# a service needs (compiler, cmake, libraries); inside the chroot `hoplite new demo` makes a
# project that configures and builds through find_package, `demo synth` prints a template and the
# task runs, and the same main.cpp builds with one `pkg-config --cflags --libs hoplite` command.
#
# Opt-in: it downloads a few hundred MB from the Debian mirror and takes minutes.
#   HOPLITE_CHROOT_TEST=1 ctest --test-dir build -R package_deb_chroot --output-on-failure
# Skips (77) unless HOPLITE_CHROOT_TEST=1 and mmdebstrap (Debian package mmdebstrap) is installed.
# HOPLITE_CHROOT_MIRROR replaces the mirrors (each a URI or a sources.list line, `|`-separated);
# the chroot lives in a private temporary directory that mmdebstrap removes (its output is
# /dev/null: nothing is kept but the files this script copies out).
set -euo pipefail
: "${HOPLITE_BINARY_DIR:?set by ctest}"
fail() { echo "FAIL: $*" >&2; exit 1; }

if [ "${HOPLITE_CHROOT_TEST:-0}" != 1 ]; then
  echo "SKIP: set HOPLITE_CHROOT_TEST=1 to run (downloads a Debian 12 chroot)" >&2
  exit 77
fi
for tool in mmdebstrap dpkg-deb cpack python3; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed" >&2; exit 77; }
done

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# The package, built by cpack from the same build tree (as tests/package/install_test.sh does).
(cd "$TMP" && cpack -G DEB --config "$HOPLITE_BINARY_DIR/CPackConfig.cmake" -B "$TMP/deb" >"$TMP/cpack.log" 2>&1) ||
  { cat "$TMP/cpack.log" >&2; fail "cpack -G DEB failed"; }
deb=$(ls "$TMP"/deb/hoplite-dev_*.deb)
echo "package: $(basename "$deb"), Depends: $(dpkg-deb -f "$deb" Depends)"

# What runs inside the chroot, as root, in /tmp/work. Every step logs to /tmp/out/<step>.log and
# the script stops at the first failure, naming the step in /tmp/out/failed.
cat >"$TMP/inside.sh" <<'INSIDE'
#!/bin/sh
set -u
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8
mkdir -p /tmp/out /tmp/work
step() {
  name="$1"; shift
  if ! "$@" >"/tmp/out/$name.log" 2>&1; then
    cat demo/build/CMakeFiles/CMakeError.log >>"/tmp/out/$name.log" 2>/dev/null
    echo "$name" >/tmp/out/failed
    exit 0
  fi
}
cd /tmp/work
# No Recommends: the package's Depends alone must be enough.
step apt-install sh -c 'apt install -y --no-install-recommends ./hoplite-dev_*.deb'
step hoplite-new hoplite new demo
step configure cmake -S demo -B demo/build
step build cmake --build demo/build -j2
step synth sh -c 'demo/build/demo synth >/tmp/out/template.json'
step task sh -c 'demo/build/demo work >/tmp/out/task.txt'
step pkg-config sh -c 'c++ -O0 demo/main.cpp $(pkg-config --cflags --libs hoplite) -o demo-pc && ./demo-pc work >/tmp/out/task-pc.txt'
dpkg-query -W -f='${Package} ${Version}\n' >/tmp/out/packages.txt
du -sx --block-size=1M / | cut -f1 >/tmp/out/chroot-mib.txt
echo ok >/tmp/out/done
INSIDE

if [ -n "${HOPLITE_CHROOT_MIRROR:-}" ]; then
  IFS='|' read -r -a mirrors <<<"$HOPLITE_CHROOT_MIRROR"
else
  mirrors=("deb http://deb.debian.org/debian bookworm main"
    "deb http://deb.debian.org/debian bookworm-updates main"
    "deb http://deb.debian.org/debian-security bookworm-security main")
fi
mkdir -p "$TMP/out"
start=$(date +%s)
# The hooks' "$1" (the chroot's directory) is mmdebstrap's to expand, not ours.
# shellcheck disable=SC2016
mmdebstrap --variant=apt --quiet \
  --customize-hook='mkdir -p "$1/tmp/work"' \
  --customize-hook="copy-in $deb /tmp/work" \
  --customize-hook="copy-in $TMP/inside.sh /tmp" \
  --customize-hook='chroot "$1" sh /tmp/inside.sh' \
  --customize-hook="copy-out /tmp/out $TMP" \
  bookworm /dev/null "${mirrors[@]}" >"$TMP/mmdebstrap.log" 2>&1 ||
  { tail -40 "$TMP/mmdebstrap.log" >&2; fail "mmdebstrap failed"; }
echo "chroot: $(($(date +%s) - start)) s for mmdebstrap, apt install and the demo build"

out="$TMP/out"
if [ -f "$out/failed" ]; then
  step=$(cat "$out/failed")
  tail -40 "$out/$step.log" >&2
  fail "in the chroot, step '$step' failed"
fi
[ -f "$out/done" ] || { tail -40 "$TMP/mmdebstrap.log" >&2; fail "the steps inside the chroot did not finish"; }
python3 - "$out/template.json" <<'PY' || fail "demo synth printed no valid template in the chroot"
import json, sys
t = json.load(open(sys.argv[1]))
types = {r["Type"] for r in t["Resources"].values()}
for need in ("AWS::ECS::TaskDefinition", "AWS::StepFunctions::StateMachine", "AWS::EC2::VPC"):
    assert need in types, need
PY
[ "$(cat "$out/task.txt")" = "Hello from demo!" ] || fail "the task printed '$(cat "$out/task.txt")'"
[ "$(cat "$out/task-pc.txt")" = "Hello from demo!" ] || fail "the pkg-config build's task printed '$(cat "$out/task-pc.txt")'"
echo "chroot: $(wc -l <"$out/packages.txt") packages installed, $(cat "$out/chroot-mib.txt") MiB"
echo ok
