#!/usr/bin/env python3
"""Writes the seed corpora in tests/fuzz/corpus/ from the project's test data (tests/testdata,
whose README files give provenance) plus a few hand-written edge cases. Run it again after
adding test data; the seeds are committed. Fields of multi-field targets are separated by NUL."""
import glob
import hashlib
import io
import json
import os
import tarfile

ROOT = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(ROOT, "..", "testdata")


def seed(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(ROOT, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def wire_bodies():
    for p in sorted(glob.glob(os.path.join(DATA, "aws-wire", "requests", "*.json"))):
        with open(p) as f:
            rec = json.load(f)
        body = rec.get("response", {}).get("body", {}).get("text")
        if body:
            yield rec["response"]["headers"], body


for headers, body in wire_bodies():
    kind = dict((k.lower(), v) for k, v in headers).get("content-type", "")
    seed("aws_xml" if "xml" in kind or body.startswith("<") else "aws_json", body)
seed("aws_xml", "<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id x does "
     "not exist</Message></Error><RequestId>42</RequestId></ErrorResponse>")
seed("aws_xml", "<Error><Code>NoSuchKey</Code><Message>The key</Message><RequestId>1</RequestId></Error>")
seed("aws_xml", "<a>" * 200 + "</a>" * 200)
seed("aws_json", '{"__type":"com.amazon#ThrottlingException","message":"Rate exceeded"}')
seed("aws_json", '{"count": 1e300, "createdAt": 1.7e9, "items": [{"arn": "x"}], "done": true}')
seed("aws_json", "[" * 300)

for h in ['Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push"',
          'Basic realm="Registry Realm"', 'Negotiate\0Bearer realm="https://a/t",error="invalid_token"',
          'Bearer realm="unterminated', 'Basic , , ,realm=x,Bearer realm=y']:
    seed("www_authenticate", h)

for r in ["127.0.0.1:5000/svc:v1", "registry.example.com/team/svc:v1@sha256:" + "a" * 64, "alpine",
          "123456789012.dkr.ecr.eu-west-1.amazonaws.com/svc:latest", "[::1]:5000/svc", "localhost/a/b/c",
          "user:pw@host/repo", "../../prod/manifests/x", "svc:v2?foo=bar#frag", "a__b--c.d/e"]:
    seed("image_reference", r)

seed("registry_error", '120\0{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}')
seed("registry_error", 'Sun, 06 Nov 1994 08:49:37 GMT\0{"errors":[]}')
seed("registry_error", '\0\x1b[2Jnot json')

for p in sorted(glob.glob(os.path.join(DATA, "oci", "**", "*.json"), recursive=True)):
    with open(p, "rb") as f:
        seed("manifest", f.read())
seed("manifest", '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":'
     '"application/vnd.oci.image.config.v1+json","digest":"sha256:' + "a" * 64 + '","size":2},"layers":[]}')
seed("manifest", '{"architecture":"amd64","os":"linux","created":"2026-01-02T03:04:05Z","config":{"User":"65532"},'
     '"rootfs":{"type":"layers","diff_ids":[]},"history":[{"created":"1970-01-01T00:00:00Z"}]}')

seed("aws_config", "[default]\nregion = us-east-1\nmax_attempts = 5\n[profile ci]\nrole_arn = arn:aws:iam::1:role/x\n"
     "source_profile = default\ns3 =\n  max_concurrent_requests = 4\n")
seed("aws_config", "[default]\naws_access_key_id = AKID\naws_secret_access_key = secret\n# comment\n; other\n")
seed("aws_config", "[profile \x1b]\n=\n[[[\nkey\n")

seed("docker_config", '127.0.0.1:5000\0{"auths":{"127.0.0.1:5000":{"auth":"YWxpY2U6czNjcmV0"}}}')
seed("docker_config", 'docker.io\0{"auths":{"https://index.docker.io/v1/":{"username":"bob","password":"pw"}}}')
seed("docker_config", 'r\0{"auths":{"r":{"auth":"!!secret!!"}}}')

# A small ELF: the first bytes of the test programs would need a compiler; use a handmade header.
elf = bytearray(64)
elf[0:4] = b"\x7fELF"
elf[4], elf[5], elf[6] = 2, 1, 1
elf[16:18] = (2).to_bytes(2, "little")
elf[18:20] = (62).to_bytes(2, "little")
elf[52:54] = (64).to_bytes(2, "little")
seed("elf", bytes(elf))
seed("elf", b"\x7fELF\x01\x01\x01" + b"\0" * 45)
seed("elf", b"not an elf at all")

def tar_of(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, kind, data in entries:
            info = tarfile.TarInfo(name)
            info.mtime = 0
            if kind == "file":
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
            elif kind == "dir":
                info.type = tarfile.DIRTYPE
                t.addfile(info)
            elif kind == "symlink":
                info.type = tarfile.SYMTYPE
                info.linkname = data
                t.addfile(info)
            elif kind == "hardlink":
                info.type = tarfile.LNKTYPE
                info.linkname = data
                t.addfile(info)
    return buf.getvalue()

seed("tar", tar_of([("oci-layout", "file", b'{"imageLayoutVersion":"1.0.0"}'), ("blobs", "dir", None),
                    ("blobs/sha256/ab", "file", b"x"), ("index.json", "file", b"{}")]))
seed("tar", tar_of([("../escape", "file", b"x")]))
seed("tar", tar_of([("link", "symlink", "/etc/passwd"), ("link/x", "file", b"x")]))
seed("tar", tar_of([("a", "hardlink", "etc/passwd")]))

for d in sorted(glob.glob(os.path.join(DATA, "sigv4", "aws-sig-v4-test-suite", "*"))):
    name = os.path.basename(d)
    req = os.path.join(d, name + ".req")
    if not os.path.exists(req):
        continue
    with open(req, "rb") as f:
        raw = f.read().replace(b"\r\n", b"\n")
    head, _, body = raw.partition(b"\n\n")
    lines = head.split(b"\n")
    method, _, rest = lines[0].partition(b" ")
    target = rest.rsplit(b" ", 1)[0]
    seed("sigv4", method + b"\0http://example.amazonaws.com" + target + b"\0" + b"\n".join(lines[1:]) + b"\0" + body)

for c in ["a b/c~d_e-f.g", "%zz%4%41", "Zm9vYmFy", "2025-01-01T01:00:00.250+01:00", "Sun, 06 Nov 1994 08:49:37 GMT",
          "90s", "https://user:pw@[::1]:8443/v2/?q=1#f", "http://127.0.0.1/", "\x1b[2J\nINFO forged\u202e",
          '{"a":[1,2,{"b":null}]}', "\xff\xfe\xc0\xaf"]:
    seed("codecs", c)
