"""Serving over a real socket with waitress (threads), in the foreground or in a thread.

``ThreadedServer`` follows moto's ThreadedMotoServer: ``start()`` binds (port 0 picks a free
port), waits until the socket accepts, exposes ``.url``; ``stop()`` closes it. ``faults`` are
the rules it starts with, as ``serve --faults FILE`` (a file, or the rules themselves).
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Self

from waitress.server import create_server

from fake_magento.app import create_app
from fake_magento.backend.fault_rules import load_rules, parse_rules
from fake_magento.backend.faults import FaultRule
from fake_magento.config import Config

# A rules file (YAML or JSON), rules as posted to /_fake/faults, or parsed rules.
FaultRules = str | Path | list[dict[str, Any]] | list[FaultRule] | None


def quiet_queue_warnings() -> None:
    """waitress logs "Task queue depth is N" at WARNING each time a request has to wait for a worker
    thread: under a load test, one line per request on stderr, each a write that also costs the
    server time. Only errors are logged from that logger then (``serve``, ``ThreadedServer`` and the
    bench's bare Flask app alike)."""
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)


def serve_until(server: Any, stop: StopSignal) -> None:
    """Run waitress's loop until ``stop`` is set, then close every socket in this same thread.

    Closing waitress's sockets from another thread while it sits in select() raises EBADF;
    stopping the loop first and closing afterwards does not. The order matters too: client
    channels first (a worker blocked on a full output buffer is woken and gives up), then the
    worker threads are joined, and only then ``server.close()``, which also closes the trigger
    pipe that a finishing worker writes to (closing it earlier let a late worker write into a
    closed, possibly reused, descriptor).
    """
    while not stop.is_set():
        server.asyncore.loop(timeout=0.2, map=server._map, use_poll=server.adj.asyncore_use_poll, count=1)
    with stop.closing:
        stop.closed = True
        for channel in list(server._map.values()):
            if channel is not server and channel is not server.trigger:
                channel.close()
        server.task_dispatcher.shutdown()
        server.close()


class StopSignal(threading.Event):
    """Set to stop ``serve_until``; ``closing`` keeps a late wake-up from writing to the trigger pipe
    once the loop has closed it (its descriptor may already be reused: EBADF or a stray byte)."""

    def __init__(self) -> None:
        super().__init__()
        self.closing = threading.Lock()
        self.closed = False


def request_stop(server: Any, stop: StopSignal) -> None:
    stop.set()
    with stop.closing:
        if not stop.closed:
            server.pull_trigger()  # wake select() at once


class ThreadedServer:
    def __init__(self, config: Config | None = None, host: str = "127.0.0.1", port: int = 0,
                 threads: int = 8, faults: FaultRules = None) -> None:
        self.config = config or Config()
        self.faults = _fault_rules(faults)
        self.host, self.port, self.threads = host, port, threads
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._stop = StopSignal()
        self.app: Any = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def backend(self) -> Any:
        return self.app.extensions["fake_magento"]

    def start(self) -> Self:
        self.app = create_app(self.config)
        self.backend.faults.configure(self.faults)
        quiet_queue_warnings()
        self._server = create_server(self.app, host=self.host, port=self.port, threads=self.threads,
                                     ident="fake-magento", clear_untrusted_proxy_headers=True)
        self.port = self._server.effective_port
        self.backend.advertise(self.url)
        self._stop = StopSignal()
        self._thread = threading.Thread(target=serve_until, args=(self._server, self._stop),
                                        name="fake-magento", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            request_stop(self._server, self._stop)
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self.app is not None:
            self.backend.close()
        self._server = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _fault_rules(faults: FaultRules) -> list[FaultRule]:
    if faults is None:
        return []
    if isinstance(faults, (str, Path)):
        return load_rules(faults)
    return [r if isinstance(r, FaultRule) else parse_rules(r)[0] for r in faults]
