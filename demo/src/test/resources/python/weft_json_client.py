#!/usr/bin/env python3
"""A weft/1 client in JSON (serialization 2), written from DESIGN section 4 alone.

Standard library only (struct, socket, json). No Java, no Weft code: it proves that any language
can call a Weft provider.

    python3 weft_json_client.py HOST PORT SERVICE METHOD '[JSON arguments]' [key=value metadata]...

Prints one JSON line, {"status": 0, "result": <return value>} or {"status": N, "message": "..."},
and exits with the status number (0 on success).
"""
import json
import socket
import struct
import sys

MAGIC = 0x5746          # "WF"
VERSION = 1
REQUEST, RESPONSE, PING, PONG, GOAWAY, CANCEL = 1, 2, 3, 4, 5, 6
JSON = 2                # serialization 2: JSON, UTF-8
# magic u16, version u8, kind u8, flags u8, serialization u8, status u16, id u64, metadata length u32, body length u32
HEADER = struct.Struct(">HBBBBHQII")
MAX_FRAME = 8 * 1024 * 1024


def encode_metadata(entries):
    parts = [struct.pack(">H", len(entries))]
    for key, value in entries.items():
        k, v = key.encode("utf-8"), value.encode("utf-8")
        parts += [struct.pack(">H", len(k)), k, struct.pack(">I", len(v)), v]
    return b"".join(parts)


def decode_metadata(block):
    entries = {}
    if not block:
        return entries
    (count,), offset = struct.unpack_from(">H", block, 0), 2
    for _ in range(count):
        (klen,) = struct.unpack_from(">H", block, offset)
        offset += 2
        key = block[offset:offset + klen].decode("utf-8")
        offset += klen
        (vlen,) = struct.unpack_from(">I", block, offset)
        offset += 4
        entries[key] = block[offset:offset + vlen].decode("utf-8")
        offset += vlen
    return entries


def read_exactly(sock, n):
    data = bytearray()
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ConnectionError("provider closed the connection")
        data += chunk
    return bytes(data)


def read_frame(sock):
    magic, version, kind, flags, serialization, status, request_id, m, b = HEADER.unpack(
        read_exactly(sock, HEADER.size))
    if magic != MAGIC or version != VERSION:
        raise ValueError("not a weft/1 frame")
    if m + b > MAX_FRAME:
        raise ValueError("frame too large: %d bytes" % (m + b))
    metadata = decode_metadata(read_exactly(sock, m))
    body = read_exactly(sock, b)
    return kind, serialization, status, request_id, metadata, body


def call(host, port, service, method, args, metadata=None, timeout_ms=3000, request_id=1):
    """Calls service.method(*args); returns (status, result) or (status, message)."""
    entries = {":service": service, ":method": method, ":timeout-ms": str(timeout_ms), ":app": "python-client"}
    entries.update(metadata or {})
    meta = encode_metadata(entries)
    body = json.dumps(args, separators=(",", ":")).encode("utf-8")
    frame = HEADER.pack(MAGIC, VERSION, REQUEST, 0, JSON, 0, request_id, len(meta), len(body)) + meta + body
    with socket.create_connection((host, port), timeout=timeout_ms / 1000 + 2) as sock:
        sock.sendall(frame)
        while True:
            kind, serialization, status, rid, reply_meta, reply_body = read_frame(sock)
            if kind == PING:  # answer liveness checks while waiting
                sock.sendall(HEADER.pack(MAGIC, VERSION, PONG, 0, 0, 0, rid, 0, 0))
                continue
            if kind == GOAWAY:
                return status, reply_meta.get(":message", "provider is going away")
            if kind == RESPONSE and rid == request_id:
                if status != 0:
                    return status, reply_meta.get(":message", "")
                return 0, json.loads(reply_body.decode("utf-8")) if reply_body else None


def main(argv):
    if len(argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    host, port, service, method, raw_args = argv[:5]
    metadata = dict(kv.split("=", 1) for kv in argv[5:])
    status, value = call(host, int(port), service, method, json.loads(raw_args), metadata)
    print(json.dumps({"status": status, "result": value} if status == 0 else {"status": status, "message": value}))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
