"""Platform figures: seeding, reset, and the per-request cost of the REST edge.

Run with `make bench` (or `.venv/bin/python -m bench.platform`); figures go to
bench/results/platform.json. Timings are reported, never asserted.
"""
from __future__ import annotations

import json
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fake_magento import Config, create_app
from fake_magento.backend import Backend
from fake_magento.seed.lifecycle import seed_state

RESULTS = Path(__file__).parent / "results" / "platform.json"


def timed(fn: Callable[[], Any], repeat: int, status: int | None = None) -> dict[str, float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - started) * 1000)
        if status is not None and result.status_code != status:
            raise SystemExit(f"unexpected status {result.status_code}: {result.get_data(as_text=True)[:200]}")
    samples.sort()
    return {"p50_ms": round(statistics.median(samples), 3),
            "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 3), "runs": repeat}


def run() -> dict[str, Any]:
    out: dict[str, Any] = {"python": platform.python_version(), "cpus": os.cpu_count()}
    import faker  # noqa: F401 - import cost is not seeding cost

    with tempfile.TemporaryDirectory() as tmp:
        for profile in ("minimal", "default"):
            path = os.path.join(tmp, f"{profile}.db")
            backend = Backend(Config(db_path=path, profile=profile))
            started = time.perf_counter()
            seed_state(backend, seed=42, profile=profile)
            out[f"seed_{profile}_ms"] = round((time.perf_counter() - started) * 1000, 1)
            conn = backend.db.connection()
            out[f"db_{profile}_bytes"] = (conn.execute("PRAGMA page_count").fetchone()[0]
                                         * conn.execute("PRAGMA page_size").fetchone()[0])
            out[f"reset_{profile}"] = timed(backend.reset, 20)
            backend.close()

        app = create_app(Config(db_path=os.path.join(tmp, "minimal.db"), profile="minimal"))
        client = app.test_client()
        backend = app.extensions["fake_magento"]
        creds = backend.db.get_meta("credentials")
        token = client.post("/rest/V1/integration/admin/token",
                            json={"username": creds["admin_username"], "password": creds["admin_password"]}).get_json()
        headers = {"Authorization": f"Bearer {token}"}
        out["request_store_views"] = timed(lambda: client.get("/rest/V1/store/storeViews", headers=headers), 500, 200)
        out["request_no_route"] = timed(lambda: client.get("/rest/V1/nothing", headers=headers), 500, 404)
        out["request_admin_token"] = timed(lambda: client.post(
            "/rest/V1/integration/admin/token",
            json={"username": creds["admin_username"], "password": creds["admin_password"]}), 200, 200)
        backend.close()
    return out


def main() -> None:
    results = run()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    print(json.dumps(results, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
