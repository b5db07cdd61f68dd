#!/usr/bin/env python3
"""The Python service of ./demo.sh mesh: io.weft.demo.Fortune, behind a Weft sidecar (DESIGN §9).

Standard library only. Usage: fortune.py LABEL. Listens on 127.0.0.1 on a free port and prints
"port N" first. The sidecar forwards mesh calls as POST /{service}/{method} with a JSON array of
the arguments; GET /health is its health check. The application calls the mesh through its
sidecar's outbound port, which the demo writes to standard input as "outbound N" once the sidecar
runs. The end of standard input (the demo went away) ends the process.
"""
import json
import os
import sys
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LABEL = sys.argv[1] if len(sys.argv) > 1 else "py"
GREETER = "io.weft.demo.Greeter"
state = {"outbound": None}


class MeshError(Exception):
    pass


def call_mesh(service, method, arguments):
    """POST http://127.0.0.1:{outbound}/{service}/{method}: the sidecar finds a provider and calls it."""
    if state["outbound"] is None:
        raise MeshError("no sidecar outbound port yet")
    request = urllib.request.Request("http://127.0.0.1:%d/%s/%s" % (state["outbound"], service, method),
                                     data=json.dumps(arguments).encode("utf-8"), method="POST",
                                     headers={"content-type": "application/json", "weft-timeout-ms": "15000"})
    try:
        with urllib.request.urlopen(request, timeout=16) as response:
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as e:
        error = json.loads(e.read().decode("utf-8"))
        raise MeshError("%s/%s failed: %s %s" % (service, method, error["code"], error["message"]))


def who_am_i(args):
    return LABEL


def welcome(args):
    greeting = call_mesh(GREETER, "greet", [args[0]])
    return "%s (asked by %s, written in Python)" % (greeting, LABEL)


METHODS = {"whoAmI": who_am_i, "welcome": welcome}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the sidecar reuses its connections

    def log_message(self, fmt, *args):
        pass

    def answer(self, code, body, content_type):
        data = body.encode("utf-8")
        self.send_response(code)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/health":
            self.answer(200, "ok", "text/plain")
        else:
            self.answer(404, "no such page", "text/plain")

    def do_POST(self):
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length).decode("utf-8") if length else "[]"
        parts = self.path.strip("/").split("/")
        if len(parts) != 2 or parts[1] not in METHODS:
            self.answer(404, "no method " + self.path, "text/plain")
            return
        try:
            self.answer(200, json.dumps(METHODS[parts[1]](json.loads(raw))), "application/json")
        except MeshError as e:  # the sidecar maps 503 to UNAVAILABLE
            self.answer(503, str(e), "text/plain")
        except Exception as e:  # and 500 to UNKNOWN
            self.answer(500, "%s: %s" % (type(e).__name__, e), "text/plain")


def read_commands():
    for line in sys.stdin:
        words = line.split()
        if len(words) == 2 and words[0] == "outbound":
            state["outbound"] = int(words[1])
    os._exit(0)  # standard input closed: the demo is gone, so is this service


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=read_commands, daemon=True).start()
    print("port %d" % server.server_address[1], flush=True)
    server.serve_forever()
