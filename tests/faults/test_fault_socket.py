"""Faults that break the connection, over a real socket (waitress): what a client really sees."""
from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest
import requests

from fake_magento import Config, ThreadedServer

pytestmark = pytest.mark.socket


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadedServer]:
    with ThreadedServer(Config(profile="minimal"), threads=4) as running:
        yield running


@pytest.fixture
def headers(server: ThreadedServer) -> dict[str, str]:
    requests.post(server.url + "/_fake/reset", timeout=10)
    creds = server.backend.db.get_meta("credentials")
    token = requests.post(server.url + "/rest/V1/integration/admin/token", timeout=10,
                          json={"username": creds["admin_username"], "password": creds["admin_password"]}).json()
    return {"Authorization": f"Bearer {token}"}


def fault(server: ThreadedServer, **rule: object) -> None:
    resp = requests.post(server.url + "/_fake/faults", json=rule, timeout=10)
    assert resp.status_code == 201, resp.text


def journal(server: ThreadedServer) -> list[dict[str, object]]:
    return requests.get(server.url + "/_fake/journal", timeout=10).json()["entries"]


def test_drop_closes_the_connection_without_an_answer(server, headers):
    fault(server, path="/V1/store/websites", kind="drop", times=1)
    with pytest.raises(requests.ConnectionError):
        requests.get(server.url + "/rest/V1/store/websites", headers=headers, timeout=10)
    resp = requests.get(server.url + "/rest/V1/store/websites", headers=headers, timeout=10)
    assert resp.status_code == 200 and resp.json()[0]["code"] == "admin"
    assert [e["status"] for e in journal(server)[-2:]] == [None, 200]


def test_truncate_sends_headers_and_half_the_body(server, headers):
    whole = requests.get(server.url + "/rest/V1/store/websites", headers=headers, timeout=10).content
    fault(server, path="/V1/store/websites", kind="truncate", times=1)
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        requests.get(server.url + "/rest/V1/store/websites", headers=headers, timeout=10)
    # read by hand: the status line and the whole length arrive, then half the body, then EOF
    fault(server, path="/V1/store/websites", kind="truncate", times=1)
    resp = requests.get(server.url + "/rest/V1/store/websites", headers=headers, timeout=10, stream=True)
    assert resp.status_code == 200 and resp.headers["Content-Length"] == str(len(whole))
    assert resp.raw.read(len(whole), decode_content=False) == whole[: len(whole) // 2]


def test_malformed_json_arrives_whole_and_does_not_parse(server, headers):
    fault(server, path="/V1/store/websites", kind="malformed_json", times=1)
    resp = requests.get(server.url + "/rest/V1/store/websites", headers=headers, timeout=10)
    assert resp.status_code == 200
    with pytest.raises(requests.JSONDecodeError):
        resp.json()


def test_a_lost_response_was_applied_once(server, headers):
    fault(server, path="/V1/customers", method="POST", kind="lost_response", times=1)
    body = {"customer": {"email": "lost-answer@example.com", "firstname": "Lost", "lastname": "Answer",
                         "website_id": 1, "group_id": 1}}
    with pytest.raises(requests.ConnectionError):
        requests.post(server.url + "/rest/V1/customers", json=body, headers=headers, timeout=10)
    query = ("searchCriteria[filter_groups][0][filters][0][field]=email"
             "&searchCriteria[filter_groups][0][filters][0][value]=lost-answer@example.com")
    found = requests.get(server.url + "/rest/V1/customers/search?" + query, headers=headers, timeout=10).json()
    assert found["total_count"] == 1
    posts = [e for e in journal(server) if e["method"] == "POST" and e["path"] == "/rest/V1/customers"]
    assert [(e["status"], e["fault"]["kind"], e["fault"]["status"]) for e in posts] == [(None, "lost_response", 200)]


def test_the_server_starts_with_the_rules_of_a_file_and_reset_restores_them(tmp_path):
    rules = tmp_path / "faults.yaml"
    rules.write_text("- {path: /V1/store/websites, kind: maintenance, times: 1}\n")
    with ThreadedServer(Config(profile="minimal"), faults=rules) as started:
        url = started.url + "/rest/V1/store/websites"
        assert [requests.get(url, timeout=10).status_code for _ in range(2)] == [503, 401]
        listed = requests.get(started.url + "/_fake/faults", timeout=10).json()["faults"]
        assert [(r["id"], r["kind"], r["calls"], r["fired"]) for r in listed] == [(1, "maintenance", 2, 1)]
        requests.post(started.url + "/_fake/reset", timeout=10)
        assert requests.get(url, timeout=10).status_code == 503


def test_serve_refuses_an_impossible_rules_file_in_one_line(tmp_path):
    rules = tmp_path / "faults.json"
    rules.write_text(json.dumps([{"path": "/V1/orders", "times": -1}]))
    db = tmp_path / "never.db"
    done = subprocess.run([sys.executable, "-m", "fake_magento.cli", "serve", "--port", "0", "--db", str(db),
                           "--faults", str(rules)], check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert (f"Invalid value for --faults: faults[0].times: must be a whole number of at least 1, not -1 "
            f"(in {rules})") in done.stderr
    assert not db.exists()


def test_serve_starts_with_the_rules_of_a_file(tmp_path):
    rules = tmp_path / "faults.yaml"
    rules.write_text("faults:\n  - path: /V1/store/websites\n    kind: rate_limit\n    retry_after: 3\n")
    proc = subprocess.Popen([sys.executable, "-m", "fake_magento.cli", "serve", "--port", "0", "--profile", "minimal",
                             "--faults", str(rules)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        banner = [proc.stdout.readline() for _ in range(7)]
        url = banner[0].split()[2].removesuffix("/rest/V1")
        assert f"  faults:       1 rule(s) from {rules}\n" in banner
        listed = requests.get(url + "/_fake/faults", timeout=10).json()["faults"]
        assert [(r["kind"], r["retry_after"]) for r in listed] == [("rate_limit", 3)]
    finally:
        proc.terminate()
        proc.communicate(timeout=20)


def test_counts_hold_under_concurrent_clients(server, headers):
    from concurrent.futures import ThreadPoolExecutor

    fault(server, path="/V1/store/storeViews", kind="maintenance", every=4)
    requests.delete(server.url + "/_fake/journal", timeout=10)

    def fetch(_: int) -> int:
        return requests.get(server.url + "/rest/V1/store/storeViews", headers=headers, timeout=10).status_code

    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(fetch, range(40)))
    assert sorted(codes) == [200] * 30 + [503] * 10
    listed = requests.get(server.url + "/_fake/faults", timeout=10).json()["faults"]
    assert [(r["calls"], r["fired"]) for r in listed] == [(40, 10)]
    assert sum(1 for e in journal(server) if e["fault"]) == 10
