#!/usr/bin/env python3
"""Hostile peers for the black-box hardening tests (issue 12), on 127.0.0.1 at a free port.

Usage: fake_peer.py MODE PORTFILE LOGFILE [OTHER_PORT]
  registry-cross-host  an OCI registry with basic auth whose upload Location names another host
                       (localhost:OTHER_PORT); run a second instance in mode `upload-sink` there
  upload-sink          accepts blob PUTs (and logs whether they carried Authorization)
  drip                 answers every request with one byte every 0.5 s, forever
  aws-deep-xml         an AWS query endpoint answering with XML nested 100,000 levels deep
  aws-escape           an AWS query endpoint whose error message carries escape sequences
The chosen port is written to PORTFILE; one line per request (method, path, Authorization
present) goes to LOGFILE. Stop it with SIGTERM.
"""
import hashlib
import http.server
import sys
import time

MODE, PORTFILE, LOGFILE = sys.argv[1], sys.argv[2], sys.argv[3]
OTHER = sys.argv[4] if len(sys.argv) > 4 else ""


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def record(self):
        with open(LOGFILE, "a") as f:
            f.write(f"{self.command} {self.path} auth={'yes' if self.headers.get('Authorization') else 'no'}\n")

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        self.record()
        data = self.body()
        if MODE == "drip":
            self.send_response(200)
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            while True:
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.5)
        if MODE == "registry-cross-host":
            if self.headers.get("Authorization") is None:
                return self.reply(401, b"{}", [("WWW-Authenticate", 'Basic realm="fake"')])
            if self.command == "HEAD":
                return self.reply(404)
            if self.command == "POST" and "/blobs/uploads/" in self.path:
                return self.reply(202, headers=[("Location", f"http://localhost:{OTHER}/upload/1")])
            if self.command == "PUT" and "/manifests/" in self.path:
                digest = "sha256:" + hashlib.sha256(data).hexdigest()
                return self.reply(201, headers=[("Docker-Content-Digest", digest)])
            return self.reply(200, b"{}")
        if MODE == "upload-sink":
            if self.command == "PUT":
                digest = self.path.split("digest=")[-1].replace("%3A", ":")
                return self.reply(201, headers=[("Docker-Content-Digest", digest)])
            port = self.server.server_address[1]
            return self.reply(202, headers=[("Location", f"http://localhost:{port}/upload/1")])
        if MODE == "aws-deep-xml":
            depth = 100_000
            return self.reply(200, b"<a>" * depth + b"</a>" * depth, [("Content-Type", "text/xml")])
        if MODE == "aws-escape":
            msg = b"Stack \x1b[2J\x1b[31mgone\nINFO  forged line"
            body = (b"<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>" + msg +
                    b"</Message></Error><RequestId>1</RequestId></ErrorResponse>")
            return self.reply(400, body, [("Content-Type", "text/xml")])
        self.reply(500)

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = handle_any


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
import os
os.rename(PORTFILE + ".tmp", PORTFILE)
server.serve_forever()
