"""A small HTTP/1.1 keep-alive load generator, for machines without wrk.

``connections`` sockets, one thread each, in its own process (``python -m bench.loadgen``), so its
GIL is not the server's. Each thread sends one prebuilt request, reads the answer (status line,
headers, a ``Content-Length`` body) and sends the next: closed-loop, like wrk. Cheap per request
(no http.client parsing), so on a small machine it takes little of the CPU the server needs.
"""
from __future__ import annotations

import json
import socket
import statistics
import sys
import threading
import time
from typing import Any


def _read_response(sock: socket.socket, buffer: bytearray) -> tuple[int, bytes]:
    """One response from the socket; extra bytes stay in ``buffer``."""
    while True:
        end = buffer.find(b"\r\n\r\n")
        if end >= 0:
            break
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        buffer += chunk
    head = bytes(buffer[:end])
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    total = end + 4 + length
    while len(buffer) < total:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        buffer += chunk
    body = bytes(buffer[end + 4:total])
    del buffer[:total]
    return status, body


def run(host: str, port: int, path: str, headers: dict[str, str], *, connections: int = 16,
        seconds: float = 5.0, warmup: float = 1.0) -> dict[str, Any]:
    """Closed-loop load for ``seconds`` after ``warmup``; requests per second and latency percentiles."""
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: keep-alive",
             *(f"{k}: {v}" for k, v in headers.items())]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    start = time.perf_counter()
    measure_from = start + warmup
    stop_at = measure_from + seconds
    latencies: list[list[float]] = [[] for _ in range(connections)]
    statuses: dict[int, int] = {}
    errors = [0]
    lock = threading.Lock()

    def worker(index: int) -> None:
        mine = latencies[index]
        seen: dict[int, int] = {}
        sock = socket.create_connection((host, port))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        buffer = bytearray()
        try:
            while True:
                sent = time.perf_counter()
                if sent >= stop_at:
                    break
                try:
                    sock.sendall(request)
                    status, _ = _read_response(sock, buffer)
                except OSError:
                    with lock:
                        errors[0] += 1
                    sock.close()
                    sock = socket.create_connection((host, port))
                    buffer = bytearray()
                    continue
                done = time.perf_counter()
                if sent >= measure_from and done <= stop_at:
                    mine.append(done - sent)
                    seen[status] = seen.get(status, 0) + 1
        finally:
            sock.close()
            with lock:
                for status, count in seen.items():
                    statuses[status] = statuses.get(status, 0) + count

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    samples = sorted(x for per in latencies for x in per)
    count = len(samples)
    return {
        "requests": count,
        "rps": round(count / seconds, 1),
        "latency_p50_ms": round(statistics.median(samples) * 1000, 3) if samples else None,
        "latency_p99_ms": round(samples[max(0, int(count * 0.99) - 1)] * 1000, 3) if samples else None,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "socket_errors": errors[0],
    }


def main() -> None:
    """``python -m bench.loadgen '{"host": ..., "port": ..., "path": ..., "headers": {...}}'``: JSON out."""
    args = json.loads(sys.argv[1])
    print(json.dumps(run(args["host"], int(args["port"]), args["path"], args.get("headers", {}),
                         connections=int(args.get("connections", 16)), seconds=float(args.get("seconds", 5)),
                         warmup=float(args.get("warmup", 1)))))


if __name__ == "__main__":
    main()
