# ECR and its registry with real clients: the AWS CLI creates and describes repositories and hands
# out a login password; skopeo copies an OCI layout (built by the example service) into the local
# ECR with it, inspects it and copies it back out; umoci unpacks the copy and crun runs it; the
# example service's own `build --push` pushes into it; a wrong password is a 401; pushes show up in
# describe-images / list-images / batch-get-image.
source "$(dirname "$0")/common.sh"
for tool in skopeo curl; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed (scripts/setup)" >&2; exit 77; }
done
[ -n "${HOPLITE_SERVICEFULL:-}" ] && [ -x "$HOPLITE_SERVICEFULL" ] || { echo "SKIP: the servicefull example was not built" >&2; exit 77; }
start_local
HOST="${ENDPOINT#http://}"

awsl ecr create-repository --repository-name team/svc
expect_rc 0
expect_json 'd["repository"]["repositoryUri"]' "$HOST/team/svc"
expect_json 'd["repository"]["repositoryArn"]' 'arn:aws:ecr:us-east-1:000000000000:repository/team/svc'
expect_json 'd["repository"]["imageTagMutability"]' MUTABLE
awsl ecr create-repository --repository-name team/svc
expect_rc 254
expect_err_contains "RepositoryAlreadyExistsException"
awsl ecr create-repository --repository-name pinned --image-tag-mutability IMMUTABLE
expect_rc 0
awsl ecr describe-repositories
expect_rc 0
expect_json '[r["repositoryName"] for r in d["repositories"]]' "['pinned', 'team/svc']"

awsl ecr get-login-password
expect_rc 0
PASSWORD="$(cat "$TMP/out")"
[ -n "$PASSWORD" ] || fail "get-login-password printed nothing"

# An OCI layout from the example service, copied in by skopeo with the ECR password.
POLICY="$TMP/policy.json"
echo '{"default":[{"type":"insecureAcceptAnything"}]}' >"$POLICY"
HOPLITE_CACHE_DIR= "$HOPLITE_SERVICEFULL" build --out "$TMP/image" --tag v1 --build-id local-ecr >"$TMP/out" 2>"$TMP/err" \
  || fail "servicefull build failed"
skopeo --policy "$POLICY" copy --quiet --dest-tls-verify=false --dest-creds "AWS:$PASSWORD" \
  "oci:$TMP/image:v1" "docker://$HOST/team/svc:v1" >"$TMP/out" 2>"$TMP/err" || fail "skopeo copy into the local ECR failed"
skopeo inspect --tls-verify=false --creds "AWS:$PASSWORD" "docker://$HOST/team/svc:v1" >"$TMP/out" 2>"$TMP/err" \
  || fail "skopeo inspect failed"
DIGEST="$(json 'd["Digest"]')"
expect_json 'd["Architecture"]' amd64
expect_json 'd["Labels"]["org.opencontainers.image.revision"]' local-ecr

if skopeo inspect --tls-verify=false --creds "AWS:wrong$PASSWORD" "docker://$HOST/team/svc:v1" >"$TMP/out" 2>"$TMP/err"; then
  fail "a wrong password was accepted"
fi
grep -q "401\|unauthorized\|denied" "$TMP/err" || fail "skopeo did not report the 401: $(cat "$TMP/err")"
STATUS="$(curl -s -o /dev/null -w '%{http_code}' -u "AWS:wrong" "$ENDPOINT/v2/")"
[ "$STATUS" = 401 ] || fail "a wrong token got $STATUS, expected 401"
STATUS="$(curl -s -o /dev/null -w '%{http_code}' -u "AWS:$PASSWORD" "$ENDPOINT/v2/team/svc/tags/list")"
[ "$STATUS" = 200 ] || fail "the right token got $STATUS on tags/list"

awsl ecr describe-images --repository-name team/svc
expect_rc 0
expect_json 'd["imageDetails"][0]["imageDigest"]' "$DIGEST"
expect_json 'd["imageDetails"][0]["imageTags"]' "['v1']"
expect_json 'd["imageDetails"][0]["imageManifestMediaType"]' 'application/vnd.oci.image.manifest.v1+json'
awsl ecr list-images --repository-name team/svc
expect_rc 0
expect_json 'd["imageIds"]' "[{'imageDigest': '$DIGEST', 'imageTag': 'v1'}]"
awsl ecr batch-get-image --repository-name team/svc --image-ids imageTag=v1 imageTag=nope
expect_rc 0
expect_json 'd["images"][0]["imageId"]["imageDigest"]' "$DIGEST"
expect_json 'd["failures"][0]["failureCode"]' ImageNotFound

# Back out again, unpacked and run as a container (where crun can run here).
skopeo --policy "$POLICY" copy --quiet --src-tls-verify=false --src-creds "AWS:$PASSWORD" \
  "docker://$HOST/team/svc:v1" "oci:$TMP/copied:v1" >"$TMP/out" 2>"$TMP/err" || fail "skopeo copy out of the local ECR failed"
if command -v umoci >/dev/null && command -v crun >/dev/null && [ "$(id -u)" = 0 ]; then
  umoci unpack --image "$TMP/copied:v1" "$TMP/bundle" >"$TMP/out" 2>"$TMP/err" || fail "umoci unpack failed"
  python3 - "$TMP/bundle/config.json" <<'PY'
import json, sys
p = sys.argv[1]; c = json.load(open(p)); c["process"]["terminal"] = False; json.dump(c, open(p, "w"))
PY
  if unshare -m --propagation private sh -c "umount /sys/fs/cgroup/unified 2>/dev/null; exec crun --root '$TMP/crun' \
      --cgroup-manager=disabled run --bundle '$TMP/bundle' hoplite-ecr-$$" >"$TMP/out" 2>"$TMP/err"; then
    grep -q "Insert your Fargate code here" "$TMP/out" || fail "the container printed: $(cat "$TMP/out")"
  else
    echo "note: crun cannot run containers here: $(head -c 300 "$TMP/err")" >&2
  fi
fi

# The example service's own push, with the password in a docker config as `docker login` writes it.
mkdir -p "$TMP/docker"
printf '{"auths":{"%s":{"auth":"%s"}}}' "$HOST" "$(printf 'AWS:%s' "$PASSWORD" | base64 -w0)" >"$TMP/docker/config.json"
DOCKER_CONFIG="$TMP/docker" HOPLITE_CACHE_DIR= "$HOPLITE_SERVICEFULL" build --push "$HOST/team/svc:v2" --build-id local-ecr \
  >"$TMP/out" 2>"$TMP/err" || fail "servicefull build --push into the local ECR failed"
grep -q "^$HOST/team/svc@sha256:" "$TMP/out" || fail "build --push printed: $(cat "$TMP/out")"
awsl ecr describe-images --repository-name team/svc --image-ids imageTag=v2
expect_rc 0
# Same build id → the same image as v1 (deterministic digest): ECR lists both tags on it.
expect_json 'd["imageDetails"][0]["imageTags"]' "['v1', 'v2']"

# IMMUTABLE: a tag is never moved.
skopeo --policy "$POLICY" copy --quiet --dest-tls-verify=false --dest-creds "AWS:$PASSWORD" \
  "oci:$TMP/image:v1" "docker://$HOST/pinned:v1" >"$TMP/out" 2>"$TMP/err" || fail "skopeo copy into pinned failed"
DOCKER_CONFIG="$TMP/docker" HOPLITE_CACHE_DIR= "$HOPLITE_SERVICEFULL" build --push "$HOST/pinned:v1" --build-id other \
  >"$TMP/out" 2>"$TMP/err" && fail "an immutable tag was overwritten"
grep -q "TAG_INVALID\|immutable" "$TMP/err" || fail "the refusal does not say why: $(cat "$TMP/err")"

awsl ecr delete-repository --repository-name team/svc
expect_rc 254
expect_err_contains "RepositoryNotEmptyException"
awsl ecr delete-repository --repository-name team/svc --force
expect_rc 0
echo "ok"
