"""Start-up to healthy and reset, over HTTP, as a test suite meets them.

* ``startup_seeded_db_s``: ``fake-magento serve --db PATH`` on a database seeded before
  (``fake-magento seed``), from the process start to the first 200 of ``GET /_fake/health``;
* ``startup_fresh_s``: the same without ``--db`` (a throw-away file seeded with the default profile
  first, as ``make run`` does);
* ``reset_http``: ``POST /_fake/reset`` after a write (a product saved), p50/p95 over the runs.

Each start-up is measured ``STARTS`` times (median). Figures go to bench/results/lifecycle.json.
Timings are reported, never asserted.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

from bench import write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results" / "lifecycle.json"
CLI = [sys.executable, "-m", "fake_magento.cli"]
STARTS = 3
RESETS = 20


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_to_healthy(args: list[str]) -> tuple[float, subprocess.Popen[bytes], str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    proc = subprocess.Popen([*CLI, "serve", "--port", str(port), *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=ROOT, start_new_session=True)
    while time.perf_counter() - started < 120:
        try:
            if requests.get(url + "/_fake/health", timeout=1).status_code == 200:
                return time.perf_counter() - started, proc, url
        except requests.RequestException:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.01)
    stop(proc)
    raise SystemExit(f"serve {' '.join(args)} never became healthy")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def reset_figures(url: str, db: str) -> dict[str, Any]:
    creds = json.loads(subprocess.run([*CLI, "credentials", "--db", db, "--json"], capture_output=True, text=True,
                                      check=True, cwd=ROOT).stdout)
    samples = []
    for n in range(RESETS):
        token = requests.post(url + "/rest/V1/integration/admin/token", timeout=10, json={
            "username": creds["admin_username"], "password": creds["admin_password"]}).json()
        saved = requests.post(url + "/rest/all/V1/products", timeout=10, headers={"Authorization": f"Bearer {token}"},
                              json={"product": {"sku": f"bench-reset-{n}", "name": "Bench", "price": 1,
                                                "attribute_set_id": 4, "type_id": "simple"}})
        assert saved.status_code == 200, saved.text
        started = time.perf_counter()
        answer = requests.post(url + "/_fake/reset", timeout=10)
        samples.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200, answer.text
    samples.sort()
    return {"p50_ms": round(statistics.median(samples), 2), "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 2),
            "runs": RESETS, "after": "a product saved through POST /rest/all/V1/products"}


def run() -> dict[str, Any]:
    out: dict[str, Any] = {"cpus": os.cpu_count(), "load_average_before": [round(x, 2) for x in os.getloadavg()]}
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "seeded.db")
        subprocess.run([*CLI, "seed", "--db", db], check=True, capture_output=True, cwd=ROOT)
        seeded, fresh = [], []
        for _ in range(STARTS):
            seconds, proc, url = start_to_healthy(["--db", db])
            seeded.append(seconds)
            stop(proc)
            seconds, proc, _ = start_to_healthy([])
            fresh.append(seconds)
            stop(proc)
        out["startup_seeded_db_s"] = round(statistics.median(seeded), 3)
        out["startup_fresh_s"] = round(statistics.median(fresh), 3)
        out["startup_runs"] = {"seeded_db": [round(x, 3) for x in seeded], "fresh": [round(x, 3) for x in fresh]}
        _, proc, url = start_to_healthy(["--db", db])
        try:
            out["reset_http"] = reset_figures(url, db)
        finally:
            stop(proc)
    out["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return out


def main() -> None:
    write_results(RESULTS, run())


if __name__ == "__main__":
    main()
