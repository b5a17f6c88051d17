"""The threaded server for tests (like moto's ThreadedMotoServer), over a real socket."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from fake_magento import Config, ThreadedServer

pytestmark = pytest.mark.socket


def test_threaded_server_on_port_zero():
    server = ThreadedServer(Config(profile="minimal")).start()
    try:
        assert server.port != 0
        assert requests.get(server.url + "/_fake/health").json() == {"status": "ok"}
        creds = server.backend.db.get_meta("credentials")
        token = requests.post(server.url + "/rest/V1/integration/admin/token",
                              json={"username": creds["admin_username"], "password": creds["admin_password"]})
        assert token.status_code == 200 and token.headers["Content-Type"] == "application/json; charset=utf-8"
        headers = {"Authorization": f"Bearer {token.json()}"}

        def fetch(prefix: str) -> int:
            return requests.get(f"{server.url}/rest/{prefix}/V1/store/storeViews", headers=headers).status_code

        with ThreadPoolExecutor(8) as pool:
            codes = list(pool.map(fetch, ["default", "de", "fr", "all"] * 10))
        assert codes == [200] * 40
        # Percent-encoded slashes reach the router undecoded over a real socket too.
        resp = requests.get(server.url + "/rest/V1/store/a%2Fb", headers=headers)
        assert resp.status_code == 404 and resp.json() == {"message": "Request does not match any route."}
    finally:
        server.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(server.url + "/_fake/health", timeout=2)


def test_context_manager():
    with ThreadedServer(Config(profile="minimal")) as server:
        assert requests.get(server.url + "/_fake/health").status_code == 200


def test_stop_while_a_request_is_in_flight_leaves_no_thread_error(monkeypatch):
    """stop() during a slow request: the worker finishes (its answer is dropped or delivered), no
    thread dies on a closed descriptor, and the database is closed only after the worker is done."""
    import threading
    import time

    errors: list[BaseException] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: errors.append(args.exc_value))
    server = ThreadedServer(Config(profile="minimal"), threads=2).start()
    assert requests.post(server.url + "/_fake/faults", json={"path": "/V1/store/storeViews",
                                                            "delay_ms": 400}).status_code == 201
    outcome: list[object] = []

    def slow() -> None:
        try:
            outcome.append(requests.get(server.url + "/rest/V1/store/storeViews", timeout=5).status_code)
        except requests.RequestException as exc:
            outcome.append(type(exc))

    client = threading.Thread(target=slow)
    client.start()
    time.sleep(0.15)
    server.stop()
    client.join(timeout=10)
    time.sleep(0.2)
    assert errors == [] and len(outcome) == 1
