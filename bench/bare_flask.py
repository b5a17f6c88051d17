"""The yardstick: a bare Flask app answering one route with fixed bytes, served as the emulator is.

``python -m bench.bare_flask --body FILE [--port N] [--threads 8]`` serves ``GET /rest/V1/products/<sku>``
(and every other path) with the JSON in FILE, the emulator's response headers and content type,
under waitress with the same settings as ``fake-magento serve``. It prints
``bare-flask serving http://HOST:PORT`` once bound and stops on SIGTERM/SIGINT.
"""
from __future__ import annotations

import argparse
import signal
import sys
from typing import Any

from flask import Flask, Response
from waitress.server import create_server

from fake_magento.http.responses import RESPONSE_HEADERS
from fake_magento.server import StopSignal, quiet_queue_warnings, request_stop, serve_until


def bare_app(body: bytes) -> Flask:
    app = Flask("bare")

    @app.get("/rest/V1/products/<path:sku>")
    def product(sku: str) -> Response:
        return Response(body, content_type="application/json; charset=utf-8", headers=RESPONSE_HEADERS)

    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--body", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    with open(args.body, "rb") as f:
        body = f.read()
    quiet_queue_warnings()  # as fake-magento serve
    server = create_server(bare_app(body), host=args.host, port=args.port, threads=args.threads, ident="bare")
    print(f"bare-flask serving http://{args.host}:{server.effective_port}", flush=True)
    stop = StopSignal()

    def on_signal(signum: int, frame: Any) -> None:
        request_stop(server, stop)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    serve_until(server, stop)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
