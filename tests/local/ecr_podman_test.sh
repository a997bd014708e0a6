# buildah and podman push into the local ECR, as a user's CI would: log in with `aws ecr
# get-login-password`, push an image built `FROM scratch` by buildah (OCI manifest from buildah,
# Docker v2 schema 2 from podman), see each push in describe-images with the digest the tool
# reports, pull it back with podman into a fresh store, and find an IMMUTABLE tag refused. Both
# tools use private vfs stores under the test's temp directory; nothing is run as a container.
source "$(dirname "$0")/common.sh"
for tool in buildah podman; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (scripts/setup)" >&2; exit 77; }
done
start_local
HOST="${ENDPOINT#http://}"

STORE="--root $TMP/store --runroot $TMP/run --storage-driver vfs"
AUTH="$TMP/auth.json"
bh() { buildah $STORE "$@" >"$TMP/out" 2>"$TMP/err"; }
pm() { podman $STORE --tmpdir "$TMP/podman-tmp" --events-backend none --cgroup-manager cgroupfs "$@" >"$TMP/out" 2>"$TMP/err"; }

awsl ecr create-repository --repository-name app/buildah
expect_rc 0
awsl ecr create-repository --repository-name app/podman
expect_rc 0
awsl ecr create-repository --repository-name pinned --image-tag-mutability IMMUTABLE
expect_rc 0
awsl ecr get-login-password
expect_rc 0
PASSWORD="$(cat "$TMP/out")"

# Two small images from scratch: a file, a command, a label.
make_image() { # NAME TEXT
  bh from scratch || fail "buildah from scratch: $(cat "$TMP/err")"
  local ctr
  ctr="$(cat "$TMP/out")"
  printf '%s\n' "$2" >"$TMP/payload.txt"
  bh copy "$ctr" "$TMP/payload.txt" /payload.txt || fail "buildah copy: $(cat "$TMP/err")"
  bh config --cmd '["/payload"]' --label "hoplite.test=$2" "$ctr" || fail "buildah config: $(cat "$TMP/err")"
  bh commit --rm "$ctr" "localhost/$1" || fail "buildah commit: $(cat "$TMP/err")"
}
make_image first:v1 "first image"
make_image second:v1 "second image"

# Logging in: a wrong password is refused by the registry, the ECR password is accepted.
if echo "wrong$PASSWORD" | bh login --authfile "$AUTH" --username AWS --password-stdin --tls-verify=false "$HOST"; then
  fail "buildah login accepted a wrong password"
fi
grep -qi "401\|unauthorized\|invalid username/password" "$TMP/err" || fail "buildah login did not report the 401: $(cat "$TMP/err")"
echo "$PASSWORD" | bh login --authfile "$AUTH" --username AWS --password-stdin --tls-verify=false "$HOST" ||
  fail "buildah login with the ECR password failed: $(cat "$TMP/err")"

# buildah push: an OCI manifest.
bh push --authfile "$AUTH" --tls-verify=false --digestfile "$TMP/buildah.digest" \
  localhost/first:v1 "docker://$HOST/app/buildah:v1" || fail "buildah push failed: $(cat "$TMP/err")"
awsl ecr describe-images --repository-name app/buildah
expect_rc 0
expect_json 'd["imageDetails"][0]["imageDigest"]' "$(cat "$TMP/buildah.digest")"
expect_json 'd["imageDetails"][0]["imageTags"]' "['v1']"
expect_json 'd["imageDetails"][0]["imageManifestMediaType"]' 'application/vnd.oci.image.manifest.v1+json'

# podman push, the same login file: a Docker v2 schema 2 manifest.
pm push --authfile "$AUTH" --tls-verify=false --format v2s2 --digestfile "$TMP/podman.digest" \
  localhost/first:v1 "docker://$HOST/app/podman:v2" || fail "podman push failed: $(cat "$TMP/err")"
awsl ecr describe-images --repository-name app/podman
expect_rc 0
expect_json 'd["imageDetails"][0]["imageDigest"]' "$(cat "$TMP/podman.digest")"
expect_json 'd["imageDetails"][0]["imageTags"]' "['v2']"
expect_json 'd["imageDetails"][0]["imageManifestMediaType"]' 'application/vnd.docker.distribution.manifest.v2+json'

# podman pulls it back into a fresh store, label intact.
STORE="--root $TMP/store2 --runroot $TMP/run2 --storage-driver vfs"
pm pull --authfile "$AUTH" --tls-verify=false "$HOST/app/podman:v2" || fail "podman pull failed: $(cat "$TMP/err")"
pm image inspect --format '{{index .Labels "hoplite.test"}}' "$HOST/app/podman:v2" || fail "podman image inspect: $(cat "$TMP/err")"
[ "$(cat "$TMP/out")" = "first image" ] || fail "the pulled image's label is '$(cat "$TMP/out")'"
STORE="--root $TMP/store --runroot $TMP/run --storage-driver vfs"

# IMMUTABLE: the first push of a tag is accepted, another image under the same tag is not.
pm push --authfile "$AUTH" --tls-verify=false localhost/first:v1 "docker://$HOST/pinned:v1" ||
  fail "the first push to an IMMUTABLE repository failed: $(cat "$TMP/err")"
if pm push --authfile "$AUTH" --tls-verify=false localhost/second:v1 "docker://$HOST/pinned:v1"; then
  fail "an IMMUTABLE tag was overwritten"
fi
grep -q "because the repository is immutable" "$TMP/err" || fail "podman did not say why: $(cat "$TMP/err")"
awsl ecr describe-images --repository-name pinned
expect_rc 0
expect_json 'len(d["imageDetails"])' 1
echo "ok"
