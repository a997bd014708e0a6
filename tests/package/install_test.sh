#!/usr/bin/env bash
# Issue 15's acceptance, end to end: `cmake --install` into a temporary prefix; `hoplite new demo`
# in a directory outside the source tree; the project configured and built with only
# CMAKE_PREFIX_PATH pointing at the prefix, its `synth` (a template) and its task run; the same
# main.cpp built with one compiler command through `pkg-config --cflags --libs hoplite`; then
# `cpack -G DEB`: the package holds the same files under /usr and its Depends resolve with apt.
set -euo pipefail
: "${HOPLITE_BINARY_DIR:?set by ctest}"
CXX="${CXX:-c++}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

prefix="$TMP/prefix"
cmake --install "$HOPLITE_BINARY_DIR" --prefix "$prefix" >"$TMP/install.log" 2>&1 || { cat "$TMP/install.log" >&2; fail "cmake --install failed"; }
[ -f "$prefix/include/hoplite/hoplite.hpp" ] || fail "the headers were not installed"
[ -f "$prefix/lib/cmake/hoplite/hopliteConfig.cmake" ] || fail "hopliteConfig.cmake was not installed"
[ -f "$prefix/lib/cmake/hoplite/hopliteConfigVersion.cmake" ] || fail "the version file was not installed"
[ -f "$prefix/lib/pkgconfig/hoplite.pc" ] || fail "hoplite.pc was not installed"
[ -x "$prefix/bin/hoplite" ] || fail "the hoplite tool was not installed"
[ ! -e "$prefix/lib/libhoplite_local.a" ] || fail "the local cloud's library is not for services"

# A project outside the source tree, named by the user; names are checked first.
work="$TMP/work"
mkdir -p "$work"
cd "$work"
set +e
"$prefix/bin/hoplite" new 'Bad/Name' >"$TMP/out" 2>"$TMP/err"
rc=$?
set -e
[ "$rc" = 2 ] || fail "hoplite new with a bad name exited $rc, expected 2"
[ -z "$(ls -A "$work")" ] || fail "hoplite new with a bad name created files"
"$prefix/bin/hoplite" new demo >"$TMP/out" 2>"$TMP/err" || { cat "$TMP/err" >&2; fail "hoplite new demo failed"; }
for f in CMakeLists.txt main.cpp README.md .gitignore; do [ -f "demo/$f" ] || fail "hoplite new wrote no $f"; done
set +e
"$prefix/bin/hoplite" new demo >"$TMP/out" 2>"$TMP/err"
rc=$?
set -e
[ "$rc" = 1 ] || fail "hoplite new into a non-empty directory exited $rc, expected 1"
grep -q "is not empty" "$TMP/err" || fail "hoplite new did not say why it refused: $(cat "$TMP/err")"

# find_package, with nothing but CMAKE_PREFIX_PATH.
cmake -S demo -B demo/build -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_COMPILER="$CXX" >"$TMP/configure.log" 2>&1 ||
  { cat "$TMP/configure.log" >&2; fail "configuring the new project failed"; }
cmake --build demo/build -j"${HOPLITE_JOBS:-2}" >"$TMP/build.log" 2>&1 || { tail -50 "$TMP/build.log" >&2; fail "building the new project failed"; }
demo/build/demo synth >"$TMP/template.json" 2>"$TMP/err" || { cat "$TMP/err" >&2; fail "demo synth failed"; }
python3 - "$TMP/template.json" <<'PY' || fail "demo synth printed no valid template"
import json, sys
t = json.load(open(sys.argv[1]))
types = {r["Type"] for r in t["Resources"].values()}
for need in ("AWS::ECS::TaskDefinition", "AWS::StepFunctions::StateMachine", "AWS::EC2::VPC"):
    assert need in types, need
PY
[ "$(demo/build/demo work 2>/dev/null)" = "Hello from demo!" ] || fail "the task did not run"

# pkg-config: one compiler command.
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
# shellcheck disable=SC2046
"$CXX" -O0 demo/main.cpp $(pkg-config --cflags --libs hoplite) -o demo-pc 2>"$TMP/pc.log" ||
  { tail -30 "$TMP/pc.log" >&2; fail "the pkg-config build failed"; }
[ "$(./demo-pc work 2>/dev/null)" = "Hello from demo!" ] || fail "the pkg-config build's task did not run"
./demo-pc synth | cmp -s - "$TMP/template.json" || fail "the two builds synthesize different templates"

# The Debian package: built by cpack from the same build tree.
if ! command -v dpkg-deb >/dev/null; then echo "SKIP: dpkg-deb is not installed" >&2; exit 77; fi
(cd "$TMP" && cpack -G DEB --config "$HOPLITE_BINARY_DIR/CPackConfig.cmake" -B "$TMP/deb" >"$TMP/cpack.log" 2>&1) ||
  { cat "$TMP/cpack.log" >&2; fail "cpack -G DEB failed"; }
deb=$(ls "$TMP"/deb/hoplite-dev_*.deb)
[ "$(dpkg-deb -f "$deb" Package)" = hoplite-dev ] || fail "the package is not hoplite-dev"
depends=$(dpkg-deb -f "$deb" Depends)
# The package names alone, each between spaces (` g++ cmake make ... `): `make` must not match `cmake`.
names=" $(sed -E 's/ *\([^)]*\)//g; s/,/ /g; s/ +/ /g' <<<"$depends") "
for need in g++ cmake make libfmt-dev libspdlog-dev nlohmann-json3-dev libdeflate-dev libzstd-dev libyaml-cpp-dev; do
  [[ "$names" == *" $need "* ]] || fail "Depends lacks $need: $depends"
done
# Listed to a file first: `grep -q` stops reading at the first match, and under pipefail the
# listing's SIGPIPE would fail the check.
dpkg-deb -c "$deb" >"$TMP/deb.list"
grep -q '\./usr/lib/cmake/hoplite/hopliteConfig.cmake$' "$TMP/deb.list" || fail "the .deb has no CMake package under /usr"
grep -q '\./usr/include/hoplite/hoplite.hpp$' "$TMP/deb.list" || fail "the .deb has no headers under /usr"
# Every dependency resolves from the configured Debian archive (simulated: nothing is installed).
apt-get install -s -qq "$deb" >"$TMP/apt.log" 2>&1 || { cat "$TMP/apt.log" >&2; fail "apt cannot install the .deb's dependencies"; }
echo ok
