#!/usr/bin/env python3
"""Serves one valid location body, then a compression bomb on every later request (issue 15: a gzip or
deflate bomb is stopped in under 0.2 s and under 64 MB in the viewer as in --once).

    scripts/viewer_bomb.py [gzip|deflate]     prints "listening on http://127.0.0.1:PORT/api/partner"

The bomb is 1 GiB of zeros compressed by zlib at level 9 (about 1 MB on the wire, a ratio near 1000), sent
without a Content-Length, then the connection is closed. Each request is logged to stderr: whether the client closed the connection before the whole bomb was
sent, and after how long.
"""
import socket
import sys
import threading
import time
import zlib

coding = sys.argv[1] if len(sys.argv) > 1 else "gzip"
compressor = zlib.compressobj(9, zlib.DEFLATED, 31 if coding == "gzip" else 15)
zeros = bytes(1 << 20)
bomb = b"".join(compressor.compress(zeros) for _ in range(1024)) + compressor.flush()
body = (b'{"success":true,"data":{"type":"FeatureCollection","features":[{"type":"Feature","geometry":'
        b'{"type":"Point","coordinates":[2.35,48.85]},"properties":{"handle":"+33155501234","locality":"Paris"}}]}}')
requests = 0
lock = threading.Lock()


def serve(connection):
    global requests
    with connection:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = connection.recv(65536)
            if not chunk:
                return
            head += chunk
        with lock:
            requests += 1
            number = requests
        started = time.time()
        outcome = "sent whole"
        try:
            if number == 1:
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                   + str(len(body)).encode() + b"\r\n\r\n" + body)
            else:
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: "
                                   + coding.encode() + b"\r\nConnection: close\r\n\r\n" + bomb)
        except OSError:
            outcome = "client closed"
        print(f"request {number}: {outcome} after {time.time() - started:.3f} s", file=sys.stderr, flush=True)


listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(16)
print(f"listening on http://127.0.0.1:{listener.getsockname()[1]}/api/partner", flush=True)
while True:
    connection, _ = listener.accept()
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
