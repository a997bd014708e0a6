#!/usr/bin/env python3
"""Records what an AWS client sends, for tests/testdata/aws-wire/requests/.

Listens on 127.0.0.1:PORT, answers every request with a canned response and writes one JSON file
per request (NNN-<operation>.json, numbering after START) in the format the tests load:
request (method, raw path, headers in order and case, body) and the response it gave.

    python3 record.py --port 8765 --out requests --start 10 --responses canned.json &
    AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY \
      AWS_SESSION_TOKEN=peers-example-session-token AWS_REGION=us-east-1 \
      /usr/bin/aws --endpoint-url http://127.0.0.1:8765 ssm get-parameter --name /app/x

canned.json maps an operation (the X-Amz-Target's operation or the query Action) to
{"status": 200, "content_type": "...", "body": "..."}; an operation it does not list gets `{}`
(JSON protocols) or an empty `<OpResponse>` (query protocols). Stop it with Ctrl-C.
"""
import argparse
import datetime
import hashlib
import http.server
import json
import os
import urllib.parse


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--out", default="requests")
    ap.add_argument("--start", type=int, default=1)
    ap.add_argument("--responses", default=None)
    args = ap.parse_args()
    canned = json.load(open(args.responses)) if args.responses else {}
    seq = [args.start]

    class Recorder(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            self.handle_any()

        def do_GET(self):
            self.handle_any()

        def handle_any(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length) if length else b""
            target = self.headers.get("X-Amz-Target")
            if target:
                op = target.split(".")[-1]
                kind = "json"
            else:
                form = urllib.parse.parse_qs(body.decode() or urllib.parse.urlparse(self.path).query)
                op = form.get("Action", ["Request"])[0]
                kind = "query"
            answer = canned.get(op)
            if answer is None:
                if kind == "json":
                    answer = {"status": 200, "content_type": "application/x-amz-json-1.1", "body": "{}"}
                else:
                    answer = {"status": 200, "content_type": "text/xml",
                              "body": f"<{op}Response><ResponseMetadata><RequestId>00000000-0000-0000-0000-"
                                      f"{seq[0]:012d}</RequestId></ResponseMetadata></{op}Response>"}
            out = answer["body"].encode()
            rid = f"00000000-0000-0000-0000-{seq[0]:012d}"
            resp_headers = [["x-amzn-RequestId", rid], ["Content-Type", answer["content_type"]],
                            ["Content-Length", str(len(out))]]
            self.send_response(answer["status"])
            for k, v in resp_headers:
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(out)
            record = {
                "seq": seq[0],
                "time": datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
                "request": {
                    "method": self.command, "path": self.path, "http_version": self.request_version,
                    "headers": [[k, v] for k, v in self.headers.items()],
                    "body": {"size": len(body), "sha256": hashlib.sha256(body).hexdigest(), "text": body.decode()},
                },
                "response": {
                    "status": answer["status"], "headers": resp_headers,
                    "body": {"size": len(out), "sha256": hashlib.sha256(out).hexdigest(), "text": answer["body"]},
                },
            }
            os.makedirs(args.out, exist_ok=True)
            with open(os.path.join(args.out, f"{seq[0]:03d}-{op}.json"), "w") as f:
                json.dump(record, f, indent=1)
                f.write("\n")
            seq[0] += 1

        def log_message(self, *a):
            pass

    http.server.HTTPServer(("127.0.0.1", args.port), Recorder).serve_forever()


if __name__ == "__main__":
    main()
