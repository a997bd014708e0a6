# 200 concurrent CLI-free requests at one `hoplite local up`, all answered correctly: one curl
# process opens 200 connections at once (--parallel-immediate), each signed by curl's own SigV4
# (--aws-sigv4), mixing reads and writes of five services — STS GetCallerIdentity, S3 PutObject of
# distinct keys and GetObject of seeded ones, SQS SendMessage, ECR CreateRepository. Every answer's
# status and body is checked (not just the status), then the writes are read back: every object,
# message and repository acknowledged is there. Curl keeps each finished connection open until the
# whole batch is done, as an SDK's connection pool does: idle keep-alive connections must not hold
# the server's workers while other connections wait.
source "$(dirname "$0")/common.sh"
command -v curl >/dev/null || { echo "SKIP: curl is not installed (scripts/setup)" >&2; exit 77; }
curl --help all 2>/dev/null | grep -- --aws-sigv4 >/dev/null || { echo "SKIP: curl lacks --aws-sigv4 (7.75+)" >&2; exit 77; }
start_local

N=200
mkdir -p "$TMP/c" "$TMP/seed"

awsl s3 mb s3://concurrent
expect_rc 0
awsl sqs create-queue --queue-name concurrent
expect_rc 0
QUEUE_URL="$(json 'd["QueueUrl"]')"

# The objects the GETs read: 40 of 16 KiB, random bytes, put one by one by the CLI.
for i in $(seq 2 5 $((N - 1))); do
  head -c 16384 /dev/urandom >"$TMP/seed/$i"
done
awsl s3 cp --recursive "$TMP/seed" s3://concurrent/seed/
expect_rc 0

# One curl config: a group per request, separated by `next`. Request i does operation i % 5.
python3 - "$TMP" "$ENDPOINT" "$QUEUE_URL" "$N" <<'EOF' >"$TMP/batch.curl"
import sys, urllib.parse
tmp, endpoint, queue_url, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def group(i, service, url, method=None, body=None, headers=()):
    lines = [f'url = "{url}"', 'user = "test:test"', f'aws-sigv4 = "aws:amz:us-east-1:{service}"',
             f'output = "{tmp}/c/{i}.body"', f'dump-header = "{tmp}/c/{i}.head"']
    if method: lines.append(f'request = "{method}"')
    if body is not None: lines.append(f'data-binary = "@{body}"')
    lines += [f'header = "{h}"' for h in headers]
    return "\n".join(lines)
groups = []
for i in range(n):
    op = i % 5
    if op == 0:
        with open(f"{tmp}/c/{i}.req", "w") as f: f.write("Action=GetCallerIdentity&Version=2011-06-15")
        groups.append(group(i, "sts", endpoint + "/", "POST", f"{tmp}/c/{i}.req",
                            ["Content-Type: application/x-www-form-urlencoded"]))
    elif op == 1:
        with open(f"{tmp}/c/{i}.req", "wb") as f: f.write((f"object {i} " * 2000).encode())
        groups.append(group(i, "s3", f"{endpoint}/concurrent/put/{i}", "PUT", f"{tmp}/c/{i}.req",
                            ["x-amz-content-sha256: UNSIGNED-PAYLOAD", "Content-Type: application/octet-stream"]))
    elif op == 2:
        groups.append(group(i, "s3", f"{endpoint}/concurrent/seed/{i}", None, None,
                            ["x-amz-content-sha256: UNSIGNED-PAYLOAD"]))
    elif op == 3:
        form = urllib.parse.urlencode({"Action": "SendMessage", "Version": "2012-11-05",
                                       "QueueUrl": queue_url, "MessageBody": f"message {i}"})
        with open(f"{tmp}/c/{i}.req", "w") as f: f.write(form)
        groups.append(group(i, "sqs", endpoint + "/", "POST", f"{tmp}/c/{i}.req",
                            ["Content-Type: application/x-www-form-urlencoded"]))
    else:
        with open(f"{tmp}/c/{i}.req", "w") as f: f.write('{"repositoryName": "concurrent/r%d"}' % i)
        groups.append(group(i, "ecr", endpoint + "/", "POST", f"{tmp}/c/{i}.req",
                            ["Content-Type: application/x-amz-json-1.1",
                             "X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.CreateRepository"]))
print("\nnext\n".join(groups))
EOF

# A bound on a hung request only (the test never fails on time otherwise): 120 s for the batch.
START="$(date +%s%N)"
set +e
curl --silent --show-error --parallel --parallel-immediate --parallel-max "$N" --max-time 120 \
  --config "$TMP/batch.curl" 2>"$TMP/curl.err"
CURL_RC=$?
set -e
ELAPSED_MS=$((($(date +%s%N) - START) / 1000000))
[ "$CURL_RC" = 0 ] || fail "curl exited $CURL_RC: $(head -c 2000 "$TMP/curl.err")"

python3 - "$TMP" "$N" <<'EOF' || fail "some of the $N concurrent answers were wrong (above)"
import hashlib, json, os, re, sys
tmp, n = sys.argv[1], int(sys.argv[2])
bad = []
for i in range(n):
    op = i % 5
    try:
        head = open(f"{tmp}/c/{i}.head", "rb").read().decode("latin-1")
        body = open(f"{tmp}/c/{i}.body", "rb").read()
    except OSError as e:
        bad.append(f"{i}: no answer ({e})"); continue
    status = head.split(" ", 2)[1] if head.startswith("HTTP/") else "?"
    text = body.decode("utf-8", "replace")
    if status != "200":
        bad.append(f"{i}: status {status}: {text[:200]}"); continue
    if op == 0:
        ok = "<Account>000000000000</Account>" in text and "<Arn>arn:aws:iam::000000000000:root</Arn>" in text
    elif op == 1:
        sent = open(f"{tmp}/c/{i}.req", "rb").read()
        etag = re.search(r'(?im)^etag:\s*"([0-9a-f]+)"', head)
        ok = etag is not None and etag.group(1) == hashlib.md5(sent).hexdigest()
    elif op == 2:
        ok = body == open(f"{tmp}/seed/{i}", "rb").read()
    elif op == 3:
        md5 = hashlib.md5(f"message {i}".encode()).hexdigest()
        ok = f"<MD5OfMessageBody>{md5}</MD5OfMessageBody>" in text and "<MessageId>" in text
    else:
        try:
            repo = json.loads(text)["repository"]
            ok = repo["repositoryName"] == f"concurrent/r{i}" and repo["repositoryUri"].endswith(f"/concurrent/r{i}")
        except (ValueError, KeyError):
            ok = False
    if not ok:
        bad.append(f"{i}: wrong answer: {head.splitlines()[0]} {text[:200]}")
for b in bad[:20]:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
EOF

# Every acknowledged write is there.
awsl s3api list-objects-v2 --bucket concurrent --prefix put/
expect_rc 0
expect_json 'len(d["Contents"])' $((N / 5))
for i in 1 $((N - 4)); do
  awsl s3 cp "s3://concurrent/put/$i" "$TMP/back"
  expect_rc 0
  cmp -s "$TMP/back" "$TMP/c/$i.req" || fail "object put/$i reads back different bytes"
done
awsl sqs get-queue-attributes --queue-url "$QUEUE_URL" --attribute-names ApproximateNumberOfMessages
expect_rc 0
expect_json 'd["Attributes"]["ApproximateNumberOfMessages"]' $((N / 5))
awsl ecr describe-repositories
expect_rc 0
expect_json 'len([r for r in d["repositories"] if r["repositoryName"].startswith("concurrent/r")])' $((N / 5))
echo "ok: $N concurrent requests answered correctly in $ELAPSED_MS ms"
