#!/usr/bin/env python3
"""A small HTTP + JSON service for the sidecar tests (DESIGN §8, §9): the standard library only.

Listens on 127.0.0.1 on a free port and prints "port N" on its first line. Serves
POST /{service}/{method} with a JSON array of arguments, GET /health (200, or 503 after
GET /admin/sick until GET /admin/well), and calls out through a sidecar's outbound port.
"""
import json
import sys
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NAME = sys.argv[1] if len(sys.argv) > 1 else "python"
state = {"healthy": True}


def greet(args, headers):
    return "Hello, %s from %s" % (args[0], NAME)


def seen_headers(args, headers):
    return {k.lower(): v for k, v in headers.items()
            if k.lower().startswith("weft-") or k.lower() in ("traceparent", "tracestate", "content-type")}


def call_out(args, headers):
    """args: [outbound port, service, method, arguments, extra headers]"""
    port, service, method, arguments = args[0], args[1], args[2], args[3]
    extra = args[4] if len(args) > 4 else {}
    request = urllib.request.Request("http://127.0.0.1:%d/%s/%s" % (port, service, method),
                                     data=json.dumps(arguments).encode("utf-8"), method="POST",
                                     headers=dict({"content-type": "application/json"}, **extra))
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return {"http": response.status, "weft-status": response.headers.get("weft-status"),
                    "body": json.loads(response.read().decode("utf-8"))}
    except urllib.error.HTTPError as e:
        return {"http": e.code, "weft-status": e.headers.get("weft-status"),
                "body": json.loads(e.read().decode("utf-8"))}


def slow(args, headers):
    time.sleep(args[0] / 1000.0)
    return NAME


METHODS = {"greet": greet, "headers": seen_headers, "callOut": call_out, "slow": slow, "who": lambda a, h: NAME}
NOT_JSON = {"notJson": "Hello, plain text", "twoValues": "1 2"}  # 200 answers that are not one JSON value
ERRORS = {"notFound": 404, "boom": 500, "teapot": 418, "busy": 429, "down": 503, "denied": 403}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the sidecar's client uses it

    def log_message(self, fmt, *args):
        pass

    def answer(self, code, body, content_type="application/json"):
        data = body.encode("utf-8")
        self.send_response(code)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/health":
            self.answer(200 if state["healthy"] else 503, "ok" if state["healthy"] else "sick", "text/plain")
        elif self.path == "/admin/sick":
            state["healthy"] = False
            self.answer(200, "sick", "text/plain")
        elif self.path == "/admin/well":
            state["healthy"] = True
            self.answer(200, "well", "text/plain")
        else:
            self.answer(404, "no such page", "text/plain")

    def do_POST(self):
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length).decode("utf-8") if length else "[]"
        parts = self.path.strip("/").split("/")
        if len(parts) != 2:
            self.answer(404, "path must be /service/method", "text/plain")
            return
        method = parts[1]
        if method in NOT_JSON:
            self.answer(200, NOT_JSON[method], "text/plain")
            return
        if method in ERRORS:
            self.answer(ERRORS[method], "%s says %s" % (NAME, method), "text/plain")
            return
        if method not in METHODS:
            self.answer(404, "no method " + method, "text/plain")
            return
        try:
            args = json.loads(raw)
            self.answer(200, json.dumps(METHODS[method](args, self.headers)))
        except Exception as e:  # the test sees it as status 2 UNKNOWN
            self.answer(500, "%s: %s" % (type(e).__name__, e), "text/plain")


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("port %d" % server.server_address[1], flush=True)
    server.serve_forever()
