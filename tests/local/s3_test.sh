# S3 with the real AWS CLI: s3 mb/cp/ls/rm/rb (a 20 MB file goes up as a multipart upload and
# comes back with ranged GETs; checksums compared), s3api head-object / list-objects-v2 paging /
# copy-object, S3's errors, and a presigned URL that works with curl until it expires.
source "$(dirname "$0")/common.sh"
command -v curl >/dev/null || { echo "SKIP: curl is not installed (scripts/setup)" >&2; exit 77; }
start_local

awsl s3 mb s3://hoplite-test
expect_rc 0
awsl s3 mb s3://Bad_Name
[ "$RC" != 0 ] || fail "an invalid bucket name was accepted"
awsl s3api create-bucket --bucket hoplite-test --region eu-west-1 --create-bucket-configuration LocationConstraint=eu-west-1
[ "$RC" != 0 ] || fail "a second create in another region was accepted"
awsl s3 ls
expect_rc 0
grep -q " hoplite-test$" "$TMP/out" || fail "s3 ls does not list the bucket: $(cat "$TMP/out")"

printf 'hello, world\n' >"$TMP/small.txt"
head -c $((20 * 1024 * 1024)) /dev/urandom >"$TMP/big.bin"
awsl s3 cp "$TMP/small.txt" s3://hoplite-test/docs/small.txt
expect_rc 0
awsl s3 cp "$TMP/big.bin" s3://hoplite-test/data/big.bin
expect_rc 0
grep -q "CreateMultipartUpload\|\"UploadPart\"" "$STATE/requests.log" || fail "the 20 MB file did not go up in parts"

awsl s3api head-object --bucket hoplite-test --key data/big.bin
expect_rc 0
expect_json 'd["ContentLength"]' $((20 * 1024 * 1024))
expect_json 'd["ETag"].endswith("-3\"")' True
awsl s3 cp s3://hoplite-test/data/big.bin "$TMP/big.back"
expect_rc 0
[ "$(sha256sum <"$TMP/big.bin")" = "$(sha256sum <"$TMP/big.back")" ] || fail "the 20 MB file came back different"
awsl s3 cp s3://hoplite-test/docs/small.txt "$TMP/small.back"
expect_rc 0
cmp -s "$TMP/small.txt" "$TMP/small.back" || fail "the small file came back different"

awsl s3 ls s3://hoplite-test/
expect_rc 0
grep -q "PRE data/" "$TMP/out" || fail "s3 ls lacks the data/ prefix: $(cat "$TMP/out")"
grep -q "PRE docs/" "$TMP/out" || fail "s3 ls lacks the docs/ prefix"
awsl s3 ls s3://hoplite-test --recursive
expect_rc 0
[ "$(wc -l <"$TMP/out")" = 2 ] || fail "s3 ls --recursive: $(cat "$TMP/out")"

for i in 1 2 3 4 5; do
  awsl s3api put-object --bucket hoplite-test --key "many/k$i" --body "$TMP/small.txt"
  expect_rc 0
done
awsl s3api list-objects-v2 --bucket hoplite-test --prefix many/ --page-size 2
expect_rc 0
expect_json 'len(d["Contents"])' 5
awsl s3api list-objects-v2 --bucket hoplite-test --prefix many/ --max-items 2
expect_rc 0
expect_json 'len(d["Contents"])' 2
expect_json '"NextToken" in d' True

awsl s3api copy-object --bucket hoplite-test --key copies/small.txt --copy-source hoplite-test/docs/small.txt
expect_rc 0
awsl s3api get-object --bucket hoplite-test --key copies/small.txt "$TMP/copy.back"
expect_rc 0
cmp -s "$TMP/small.txt" "$TMP/copy.back" || fail "the copy differs"
awsl s3api get-object --bucket hoplite-test --key nope "$TMP/nope"
expect_rc 254
expect_err_contains "NoSuchKey"
awsl s3api head-bucket --bucket nope-bucket
[ "$RC" != 0 ] || fail "head-bucket of a missing bucket succeeded"
awsl s3 rb s3://hoplite-test
[ "$RC" != 0 ] || fail "a bucket with objects was removed"
expect_err_contains "BucketNotEmpty"

# Presigned: works with curl; one that expired is refused (its expiry passed before curl asks,
# whatever the machine's speed).
awsl s3 presign s3://hoplite-test/docs/small.txt --expires-in 300
expect_rc 0
URL="$(cat "$TMP/out")"
[ "$(curl -s "$URL")" = "hello, world" ] || fail "the presigned URL did not return the object"
awsl s3 presign s3://hoplite-test/docs/small.txt --expires-in 1
expect_rc 0
URL="$(cat "$TMP/out")"
sleep 2
STATUS="$(curl -s -o "$TMP/expired" -w '%{http_code}' "$URL")"
[ "$STATUS" = 403 ] || fail "an expired presigned URL got $STATUS"
grep -q "Request has expired" "$TMP/expired" || fail "expired URL body: $(cat "$TMP/expired")"

awsl s3 rm s3://hoplite-test --recursive
expect_rc 0
awsl s3 rb s3://hoplite-test
expect_rc 0
awsl s3 ls
expect_rc 0
[ ! -s "$TMP/out" ] || fail "buckets left: $(cat "$TMP/out")"
echo "ok"
