#!/usr/bin/env python3
"""An HTTP proxy in front of the local cloud that freezes a client at a chosen request, so a test
can kill the client at a known point without relying on timing (tests/local/provision_kill_test.sh).

    hold_proxy.py UPSTREAM_PORT CONTROL_DIR

Listens on a free port of 127.0.0.1 and writes it to CONTROL_DIR/port. Every request is passed to
127.0.0.1:UPSTREAM_PORT unchanged (Host too, so SigV4 signatures hold and the local cloud names
this proxy in the URIs it returns). When CONTROL_DIR/arm holds a text found in a request's
"METHOD PATH X-Amz-Target BODY-PREFIX", arm is removed and CONTROL_DIR/held created, then that
request is answered: from then on requests are not forwarded; they wait while held exists
and are then dropped (the client is expected to be dead by then).
"""
import http.client
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UPSTREAM = int(sys.argv[1])
CONTROL = sys.argv[2]
ARM = os.path.join(CONTROL, "arm")
HELD = os.path.join(CONTROL, "held")
trip_lock = threading.Lock()
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def forward(self):
        if os.path.exists(HELD):
            while os.path.exists(HELD):
                time.sleep(0.02)
            self.close_connection = True
            return
        body = self.read_body()
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP | {"content-length"}}
        if body or self.command in ("POST", "PUT", "PATCH"):
            headers["Content-Length"] = str(len(body))
        upstream = http.client.HTTPConnection("127.0.0.1", UPSTREAM, timeout=300)
        upstream.request(self.command, self.path, body=body, headers=headers)
        response = upstream.getresponse()
        data = response.read()
        upstream.close()
        self.trip(body)  # before answering: the client's next request already finds it held
        self.send_response(response.status, response.reason)
        for k, v in response.getheaders():
            if k.lower() in HOP_BY_HOP or (k.lower() == "content-length" and self.command != "HEAD"):
                continue
            self.send_header(k, v)
        if self.command != "HEAD":
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        self.wfile.flush()

    def trip(self, body):
        text = f"{self.command} {self.path} {self.headers.get('X-Amz-Target', '')} " + body[:4096].decode("latin-1")
        with trip_lock:
            try:
                with open(ARM) as f:
                    pattern = f.read().strip()
            except FileNotFoundError:
                return
            if pattern and pattern in text:
                os.unlink(ARM)
                open(HELD, "w").close()

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = forward


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(os.path.join(CONTROL, "port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(CONTROL, "port.tmp"), os.path.join(CONTROL, "port"))
server.serve_forever()
