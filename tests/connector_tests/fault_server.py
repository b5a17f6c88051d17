"""A tiny scripted HTTP server on a real socket, for what the emulator's control plane cannot
answer: headers such as ``Retry-After``, HTML error pages, a response lost after the request was
applied upstream, a connection dropped before anything was done, a body cut short.

Each request takes the next scripted ``Reply``; with the script empty it is forwarded to
``upstream`` (the emulator) when one is set, else answered 404. Every request is recorded.
"""
from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal, Self
from urllib.parse import urlsplit

Action = Literal["answer", "drop", "forward", "forward_then_drop", "forward_then_answer"]


@dataclass
class Reply:
    status: int = 200
    body: Any = b""                  # bytes, str, or anything JSON-encodable
    headers: dict[str, str] = field(default_factory=dict)
    # answer: this reply; drop: read the request, close without a word; forward: pass it to the
    # upstream and answer what it says; forward_then_drop: pass it on, then close without answering
    # (the write is applied, the answer is lost); forward_then_answer: pass it on, then answer this
    # reply instead of the upstream's (a gateway's 504 after the upstream did the work).
    action: Action = "answer"
    delay: float = 0.0               # seconds before acting (a read timeout on the client)
    # only requests whose "METHOD /path" starts with this take the reply; others go past it
    match: str = ""
    # send only this many bytes of the body (Content-Length still says the whole), then close
    cut: int | None = None


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class FaultServer:
    def __init__(self, upstream: str | None = None, port: int = 0) -> None:
        self.upstream = upstream
        self.script: list[Reply] = []
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args: Any) -> None:
                pass

            def _any(self) -> None:
                outer._handle(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _any

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                # A client that gave up (a read timeout) leaves a broken pipe behind: expected here.
                # Printing its traceback would also run ast.parse in this thread (3.11's caret
                # anchors), which races the main thread's imports on CPython 3.11.7.
                pass

        self.httpd = Server(("127.0.0.1", port), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def add(self, *replies: Reply) -> Self:
        with self._lock:
            self.script.extend(replies)
        return self

    def _next(self, method: str, path: str) -> Reply | None:
        with self._lock:
            for i, reply in enumerate(self.script):
                if f"{method} {path}".startswith(reply.match):
                    return self.script.pop(i)
        return None

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        with self._lock:
            self.seen.append(Seen(h.command, h.path, dict(h.headers.items()), body))
        reply = self._next(h.command, h.path)
        if reply is None:
            reply = Reply(action="forward") if self.upstream else Reply(404, {"message": "no scripted reply"})
        if reply.delay:
            time.sleep(reply.delay)
        if reply.action == "drop":
            _close(h)
            return
        if reply.action in ("forward", "forward_then_drop"):
            status, headers, payload = self._forward(h, body)
            if reply.action == "forward_then_drop":
                _close(h)
                return
        else:
            if reply.action == "forward_then_answer":
                self._forward(h, body)
            status, headers, payload = reply.status, reply.headers, _bytes(reply.body)
            if not isinstance(reply.body, (bytes, str)) and "Content-Type" not in headers:
                headers = {**headers, "Content-Type": "application/json; charset=utf-8"}
        h.send_response(status)
        for name, value in headers.items():
            if name.lower() not in ("content-length", "connection", "transfer-encoding", "server", "date"):
                h.send_header(name, value)
        h.send_header("Content-Length", str(len(payload)))
        h.end_headers()
        if reply.cut is not None:
            h.wfile.write(payload[:reply.cut])
            h.wfile.flush()
            _close(h)
            return
        if h.command != "HEAD":
            h.wfile.write(payload)

    def _forward(self, h: BaseHTTPRequestHandler, body: bytes) -> tuple[int, dict[str, str], bytes]:
        assert self.upstream, "forwarding needs an upstream"
        parts = urlsplit(self.upstream)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        headers = {k: v for k, v in h.headers.items() if k.lower() not in ("connection", "keep-alive")}
        try:
            conn.request(h.command, h.path, body=body or None, headers=headers)
            answer = conn.getresponse()
            return answer.status, dict(answer.getheaders()), answer.read()
        finally:
            conn.close()


def _bytes(body: Any) -> bytes:
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    return json.dumps(body).encode("utf-8")


def _close(h: BaseHTTPRequestHandler) -> None:
    """Close the connection without an answer (the client sees it dropped)."""
    h.close_connection = True
    try:
        h.connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def free_port() -> int:
    """A port nothing listens on (bound and released): connecting to it is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
