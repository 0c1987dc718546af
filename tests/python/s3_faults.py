"""A fault-injecting HTTP proxy for the S3 tests: it stands between lance (or
object_store) and the local S3 server (s3_local.LocalS3), both on 127.0.0.1,
and passes every request through unless a rule says otherwise.

A rule names a kind of request and a fault, and which of the matching requests
it strikes (the `skip` before it, then `times` in a row). The kinds are what a
write sends:

  put        a single-request upload (a data file, a transaction, a piece)
  part       one part of a multipart upload
  complete   the request that completes a multipart upload
  manifest   the conditional PUT of a version's manifest (_versions/)
  list       a listing (GET ?list-type=2)
  get        a read (GET or HEAD of an object)
  delete     a deletion (DELETE, or POST ?delete)

The faults:

  500        HTTP 500 InternalError; the request is not passed on
  503        HTTP 503 ServiceUnavailable; not passed on
  slowdown   HTTP 503 with S3's SlowDown code; not passed on
  reset      a connection reset in the middle of a body: of the request when it
             has one (half is read, nothing passed on), else of the response
             (the server did the request, half its answer arrives)
  timeout    no answer until after the client's request timeout (the caller
             sets it through the `timeout` storage option); not passed on
  lost       the ambiguous case: the server applies the request, its answer
             is lost (the connection is reset before a byte of it is sent)

Every strike is recorded (`fired`), so a test can tell that its fault happened.
"""

import http.client
import http.server
import socket
import struct
import threading
import time
import urllib.parse

KINDS = ["put", "part", "complete", "manifest", "list", "get", "delete"]
FAULTS = ["500", "503", "slowdown", "reset", "timeout", "lost"]

ERROR_BODY = ('<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code>'
              "<Message>injected by the test proxy</Message></Error>")


def request_kind(method, path):
    """The kind of an S3 request, from its method, path and query."""
    url = urllib.parse.urlsplit(path)
    query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
    if method == "DELETE" or (method == "POST" and "delete" in query):
        return "delete"
    if method == "POST":
        return "complete" if "uploadId" in query else "create-multipart"
    if method == "PUT":
        if "partNumber" in query:
            return "part"
        return "manifest" if "/_versions/" in url.path else "put"
    if method == "GET" and ("list-type" in query or url.path.rstrip("/").count("/") <= 1):
        return "list"
    return "get"


class Rule:
    """Strikes the requests of `kinds` (one kind or several) with `fault`: after
    `skip` of them, the next `times`. With `after` (another rule), it counts
    only once that rule has struck, and with `seconds`, it strikes every
    request of its kinds for that long from then on, instead of `times` of them."""

    def __init__(self, kinds, fault, skip=0, times=1, after=None, seconds=None):
        self.kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds)
        if any(k not in KINDS for k in self.kinds) or fault not in FAULTS:
            raise ValueError(f"unknown kind or fault: {kinds} {fault}")
        self.kind = "+".join(self.kinds)
        self.fault, self.skip, self.times, self.after, self.seconds = fault, skip, times, after, seconds
        self.seen, self.first_strike = 0, None

    def strikes(self, kind, now):
        if kind not in self.kinds:
            return False
        if self.after is not None and self.after.first_strike is None:
            return False
        if self.seconds is not None:
            opened = self.after.first_strike if self.after is not None else self.first_strike
            if opened is None:
                self.first_strike = opened = now
            return now - opened < self.seconds
        self.seen += 1
        hit = self.skip < self.seen <= self.skip + self.times
        if hit and self.first_strike is None:
            self.first_strike = now
        return hit


class FaultProxy:
    """The proxy, serving on 127.0.0.1 (a free port) in threads of this process."""

    def __init__(self, upstream_port, client_timeout=3.0):
        self.upstream_port = upstream_port
        self.client_timeout = client_timeout
        self.rules, self.fired, self.counts = [], [], {}
        self.lock = threading.Lock()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_any(self):
                proxy.handle(self)

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_any

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.endpoint = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def arm(self, *rules):
        """Replaces the rules (none: pass everything) and forgets what fired and was counted."""
        with self.lock:
            self.rules, self.fired, self.counts = list(rules), [], {}

    def _decide(self, kind, method, path):
        with self.lock:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            now = time.monotonic()
            for rule in self.rules:
                if rule.strikes(kind, now):
                    self.fired.append((kind, rule.fault, method, path))
                    return rule.fault
        return None

    def handle(self, h):
        kind = request_kind(h.command, h.path)
        fault = self._decide(kind, h.command, h.path)
        length = int(h.headers.get("Content-Length") or 0)
        if fault == "reset" and length:
            h.rfile.read(length // 2)
            return reset(h)
        body = h.rfile.read(length) if length else b""
        if fault in ("500", "503", "slowdown"):
            status, code = {"500": (500, "InternalError"), "503": (503, "ServiceUnavailable"),
                            "slowdown": (503, "SlowDown")}[fault]
            return answer(h, status, {"Content-Type": "application/xml"}, ERROR_BODY.format(code=code).encode())
        if fault == "timeout":
            time.sleep(self.client_timeout + 2)
            return reset(h)
        status, headers, payload = self.forward(h, body)
        if fault == "lost":
            return reset(h)
        if fault == "reset":
            return answer(h, status, headers, payload, cut=True)
        answer(h, status, headers, payload)

    def forward(self, h, body):
        conn = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=60)
        try:
            headers = {k: v for k, v in h.headers.items() if k.lower() not in ("connection", "keep-alive")}
            conn.request(h.command, h.path, body=body, headers=headers)
            response = conn.getresponse()
            payload = response.read()
            # The body is sent whole (Content-Length of its own), but a HEAD's
            # Content-Length is the object's size and passes as it is.
            dropped = ("connection", "keep-alive", "transfer-encoding") + (() if h.command == "HEAD" else ("content-length",))
            passed = {k: v for k, v in response.getheaders() if k.lower() not in dropped}
            return response.status, passed, payload
        finally:
            conn.close()


def answer(h, status, headers, payload, cut=False):
    """Sends a whole response, or (cut) its headers and half its body, then a reset."""
    h.send_response_only(status)
    for key, value in headers.items():
        h.send_header(key, value)
    if h.command == "HEAD":
        payload = b""  # a HEAD's headers describe the object; it has no body
    else:
        h.send_header("Content-Length", str(len(payload)))
    h.end_headers()
    if cut:
        if payload:
            h.wfile.write(payload[: len(payload) // 2])
            h.wfile.flush()
        return reset(h)
    h.wfile.write(payload)
    h.wfile.flush()


def reset(h):
    """Closes the client's connection with a TCP reset (SO_LINGER 0), not a clean FIN."""
    h.wfile.flush()
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.close_connection = True
    h.connection.close()
