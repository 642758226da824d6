#!/usr/bin/env python3
"""A server that misbehaves, on 127.0.0.1, for tests/reliability/test-hostile-server.c.

    hostile-server.py UPSTREAM_URL

prints "PORT\n" once it listens. In mode "ok" every request goes to the real
simulator at UPSTREAM_URL and its answer comes back unchanged. GET /_mode/NAME
switches the mode; in a hostile mode the change feed (and for "html-401"
every endpoint) answers as below. Every loop is bounded.
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UPSTREAM = urllib.parse.urlsplit(sys.argv[1])
STATE = {"mode": "ok"}
LOCK = threading.Lock()
MAX_SECONDS = 40          # no case writes for longer than this
ENDLESS_LIMIT = 64 << 20  # the "endless" body stops here at the latest


def forward(handler, path, body):
    conn = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=30)
    headers = {k: v for k, v in handler.headers.items()
               if k.lower() in ("authorization", "content-type", "idempotency-key", "accept")}
    conn.request(handler.command, path, body=body, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, resp.getheaders(), data


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def send_raw(self, data):
        try:
            self.wfile.write(data)
            self.wfile.flush()
            return True
        except OSError:
            return False

    def reply(self, status, body, ctype="application/json", length=None, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.send_raw(body)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        url = urllib.parse.urlsplit(self.path)
        if url.path.startswith("/_mode/"):
            with LOCK:
                STATE["mode"] = url.path[len("/_mode/"):]
            self.reply(200, b"{}")
            return
        with LOCK:
            mode = STATE["mode"]
        changes = url.path == "/v1/changes"
        if mode == "html-401":
            html = b"<html><body>" + b"<p>Unauthorized</p>" * (1 << 16) + b"</body></html>"
            self.reply(401, html[: 1 << 20], ctype="text/html")
            return
        if mode == "deep-error" and changes:
            self.reply(500, b'{"error": ' + b"[" * 100000 + b"]" * 100000 + b"}")
            return
        if mode == "ok" or not changes:
            status, headers, data = forward(self, self.path, body)
            self.send_response(status)
            for k, v in headers:
                if k.lower() in ("content-type", "date", "x-shou-server-time", "www-authenticate"):
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.send_raw(data)
            return
        asked = urllib.parse.parse_qs(url.query).get("cursor", [""])[0]
        if mode == "deep":
            self.reply(200, b'{"changes": [' + b"[" * 100000 + b"]" * 100000 +
                       b'], "next_cursor": "x", "has_more": false}')
        elif mode == "many":
            self.reply(200, b'{"changes": [' + b",".join([b"{}"] * 1000000) +
                       b'], "next_cursor": "x", "has_more": false}')
        elif mode == "endless":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            chunk = b" " * 65536
            sent, start = 0, time.monotonic()
            self.send_raw(b'{"changes": [')
            while sent < ENDLESS_LIMIT and time.monotonic() - start < MAX_SECONDS:
                if not self.send_raw(chunk):
                    break
                sent += len(chunk)
        elif mode == "huge-length":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(2 << 30))
            self.end_headers()
            self.send_raw(b'{"changes": [')
            time.sleep(2)
        elif mode == "stuck-cursor":
            # A real page of changes, sent again and again under the cursor asked for.
            status, headers, data = forward(self, "/v1/changes?cursor=&limit=5", None)
            page = json.loads(data)
            page["next_cursor"] = asked
            page["has_more"] = True
            self.reply(200, json.dumps(page).encode())
        elif mode == "trickle-headers":
            start = time.monotonic()
            self.send_raw(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            while time.monotonic() - start < MAX_SECONDS:
                if not self.send_raw(b"a"):
                    break
                time.sleep(1)
        elif mode == "trickle-body":
            body = b'{"changes": [], "next_cursor": "x", "has_more": false}' + b" " * 1000
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            start = time.monotonic()
            for i in range(len(body)):
                if time.monotonic() - start > MAX_SECONDS or not self.send_raw(body[i:i + 1]):
                    break
                time.sleep(1)
        else:
            self.reply(404, b'{"error": {"code": "not_found", "message": "no such mode"}}')

    do_GET = do_POST = do_PUT = do_DELETE = handle_any


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    # Ends with the test: when its stdin closes.
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
