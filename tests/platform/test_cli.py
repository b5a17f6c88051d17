"""The `fake-magento` command line: seed, credentials, serve (over a real socket), export/import.

``serve`` and the export/import round trip run as processes of their own (signals, the banner, exit
statuses); ``credentials`` and the seeding around them run in-process through click's CliRunner (the
same command, without an interpreter start-up each time).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
import requests
from click.testing import CliRunner

from fake_magento.cli import main

pytestmark = pytest.mark.socket

CLI = [sys.executable, "-m", "fake_magento.cli"]
KEYS = {"admin_username", "admin_password", "consumer_key", "consumer_secret", "access_token",
        "access_token_secret", "customer_email", "customer_password"}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120, check=True)


def invoke(*args: str) -> str:
    """The command in-process; it must succeed. Its stdout."""
    result = CliRunner().invoke(main, list(args), prog_name="fake-magento")
    assert result.exit_code == 0, (result.stderr, result.exception)
    return result.stdout


def credentials(*args: str) -> dict[str, str]:
    return json.loads(invoke("credentials", *args, "--json"))


def test_credentials_are_deterministic_by_seed(tmp_path):
    a = credentials("--db", str(tmp_path / "a.db"), "--seed", "5", "--profile", "minimal")
    b = credentials("--db", str(tmp_path / "b.db"), "--seed", "5", "--profile", "minimal")
    c = credentials("--db", str(tmp_path / "c.db"), "--seed", "6", "--profile", "minimal")
    assert set(a) == KEYS
    assert a == b
    assert a["consumer_key"] != c["consumer_key"]
    assert all(len(a[k]) == 32 for k in ("consumer_key", "consumer_secret", "access_token", "access_token_secret"))


def test_seed_then_credentials_read_the_database(tmp_path):
    db = str(tmp_path / "s.db")
    assert "seeded" in invoke("seed", "--db", db, "--seed", "9", "--profile", "minimal")
    assert credentials("--db", db) == credentials("--db", str(tmp_path / "t.db"), "--seed", "9",
                                                  "--profile", "minimal")


class Served:
    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen([*CLI, "serve", "--port", "0", *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        assert self.proc.stdout is not None
        first = self.proc.stdout.readline()
        assert first.startswith("fake-magento serving http://"), first
        self.url = first.split()[2].removesuffix("/rest/V1")
        self.banner = first
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                # any answer means it serves (without the control plane, health is a 404)
                requests.get(self.url + "/_fake/health", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.05)

    def stop(self, sig: int = signal.SIGTERM) -> str:
        self.proc.send_signal(sig)
        out, _ = self.proc.communicate(timeout=20)
        assert self.proc.returncode == 0
        return out


def test_serve_prints_url_and_stops_cleanly_on_sigterm_and_sigint(tmp_path):
    for sig in (signal.SIGTERM, signal.SIGINT):
        served = Served("--profile", "minimal", "--db", str(tmp_path / f"{sig}.db"))
        assert requests.get(served.url + "/rest/V1/store/websites").status_code == 401
        assert "fake-magento stopped" in served.stop(sig)


def test_serve_with_db_survives_a_restart(tmp_path):
    db = str(tmp_path / "keep.db")
    served = Served("--profile", "minimal", "--db", db)
    state = requests.get(served.url + "/_fake/state").json()
    state["tables"]["store"][2]["name"] = "Kept Across Restarts"
    assert requests.put(served.url + "/_fake/state", json=state).status_code == 200
    served.stop()
    served = Served("--db", db)
    creds = credentials("--db", db)
    token = requests.post(served.url + "/rest/V1/integration/admin/token",
                          json={"username": creds["admin_username"], "password": creds["admin_password"]}).json()
    views = requests.get(served.url + "/rest/V1/store/storeViews",
                         headers={"Authorization": f"Bearer {token}"}).json()
    assert views[2]["name"] == "Kept Across Restarts"
    served.stop()


def test_serve_without_control_plane(tmp_path):
    served = Served("--profile", "minimal", "--db", str(tmp_path / "n.db"), "--no-control-plane")
    assert requests.get(served.url + "/_fake/health").status_code == 404
    served.stop()


def test_export_import(tmp_path):
    db = str(tmp_path / "e.db")
    run("seed", "--db", db, "--profile", "minimal")
    dump = tmp_path / "state.json"
    run("export", "--db", db, "--out", str(dump))
    data = json.loads(dump.read_text())
    data["tables"]["store_website"][2]["name"] = "Imported"
    dump.write_text(json.dumps(data))
    other = str(tmp_path / "f.db")
    run("seed", "--db", other, "--profile", "minimal", "--seed", "3")
    run("import", "--db", other, str(dump))
    assert os.path.exists(other)
    out = tmp_path / "again.json"
    run("export", "--db", other, "--out", str(out))
    assert json.loads(out.read_text())["tables"]["store_website"][2]["name"] == "Imported"


def test_serve_oauth_url_normalisation_option(tmp_path):
    """``--oauth-url-normalisation unreserved`` verifies ``%2F`` signed as sent; the default (laminas, as a
    real 2.4.7-p3) refuses it (tests/auth/test_oauth_url_normalisation.py has the measured evidence)."""
    from urllib.parse import quote

    from requests_oauthlib import OAuth1

    for option, expected in ((), 401), (("--oauth-url-normalisation", "unreserved"), 404):
        served = Served("--profile", "minimal", "--db", str(tmp_path / f"o{len(option)}.db"), *option)
        creds = credentials("--db", str(tmp_path / f"o{len(option)}.db"))
        auth = OAuth1(creds["consumer_key"], creds["consumer_secret"], creds["access_token"],
                      creds["access_token_secret"], signature_method="HMAC-SHA256")
        resp = requests.get(served.url + "/rest/V1/products/" + quote("a/b", safe=""), auth=auth, timeout=10)
        assert resp.status_code == expected, resp.text
        served.stop()
