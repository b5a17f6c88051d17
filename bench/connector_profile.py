"""The customer-profile lookup (connector.operations.profile) against the emulator over a socket.

The emulator serves the default profile (seed 42) with waitress on a free port; the connector looks
up the seeded customer on website base (12 orders, the newest 10 shown with their lines, tracks and
product URLs). "cold" builds a new CustomerProfiles each time (the store directory is read again:
store configs and websites); "warm" reuses one (the directory is kept). Figures: wall time per lookup
(p50/p95 over the runs) and HTTP calls per lookup, for OAuth 1.0a signing and for a bearer token.

Run with `make bench` (or `.venv/bin/python -m bench.connector_profile`); figures go to
bench/results/connector_profile.json. Timings are reported, never asserted.
"""
from __future__ import annotations

import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

from connector.client import MagentoClient
from connector.config import ConnectorConfig
from connector.operations.profile import CustomerProfiles
from fake_magento import Config, ThreadedServer

RESULTS = Path(__file__).parent / "results" / "connector_profile.json"
RUNS = int(os.environ.get("PROFILE_BENCH_RUNS", "100"))
WEBSITE = "base"


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"p50_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 2)}


def measure(client: MagentoClient, calls: list[tuple[str, float]], email: str, warm: bool) -> dict[str, Any]:
    shared = CustomerProfiles(client)
    shared.lookup(email, website=WEBSITE)  # connection and directory set up before timing
    samples, counts = [], []
    per_call: dict[str, list[float]] = {}
    for _ in range(RUNS):
        profiles = shared if warm else CustomerProfiles(client)
        calls.clear()
        started = time.perf_counter()
        profiles.lookup(email, website=WEBSITE)
        samples.append((time.perf_counter() - started) * 1000)
        counts.append(len(calls))
        for path, elapsed in calls:
            per_call.setdefault(path, []).append(elapsed)
    # requests' elapsed: sending the request until the response headers are parsed
    response_ms = {path: round(statistics.median(values), 2) for path, values in per_call.items()}
    return {**percentiles(samples), "http_calls": sorted(set(counts)), "runs": RUNS,
            "median_response_ms": response_ms}


def counted_client(config: ConnectorConfig) -> tuple[MagentoClient, list[tuple[str, float]]]:
    calls: list[tuple[str, float]] = []
    session = requests.Session()

    def hook(response: requests.Response, *args: Any, **kwargs: Any) -> None:
        calls.append((response.request.path_url.split("?")[0], response.elapsed.total_seconds() * 1000))

    session.hooks["response"].append(hook)
    return MagentoClient(config, session=session), calls


def run() -> dict[str, Any]:
    out: dict[str, Any] = {"python": platform.python_version(), "cpus": os.cpu_count(), "runs": RUNS}
    with tempfile.TemporaryDirectory() as tmp:
        server = ThreadedServer(Config(db_path=os.path.join(tmp, "shop.db"), profile="default", seed=42)).start()
        try:
            creds = server.backend.db.get_meta("credentials")
            email = creds["customer_email"]
            token = requests.post(f"{server.url}/rest/V1/integration/admin/token", timeout=30,
                                  json={"username": creds["admin_username"], "password": creds["admin_password"]}).json()
            modes = {
                "oauth": ConnectorConfig.from_dict({
                    "url": server.url, "consumerKey": creds["consumer_key"], "consumerSecret": creds["consumer_secret"],
                    "accessToken": creds["access_token"], "accessTokenSecret": creds["access_token_secret"]}),
                "token": ConnectorConfig.from_dict({"url": server.url, "token": token}),
            }
            for mode, config in modes.items():
                client, calls = counted_client(config)
                with client:
                    profile = CustomerProfiles(client).lookup(email, website=WEBSITE)
                    out.setdefault("lookup", {
                        "customer": email, "website": WEBSITE, "total_orders": profile.total_orders,
                        "orders_shown": len(profile.orders),
                        "lines_shown": sum(len(o.lines) for o in profile.orders)})
                    calls.clear()
                    CustomerProfiles(client).lookup(email, website=WEBSITE)
                    out.setdefault("calls_cold", [path for path, _ in calls])
                    out[mode] = {"cold": measure(client, calls, email, warm=False),
                                 "warm": measure(client, calls, email, warm=True)}
        finally:
            server.stop()
    return out


def main() -> None:
    figures = run()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"connector profile lookup: {json.dumps({k: figures[k] for k in ('oauth', 'token')})}")


if __name__ == "__main__":
    main()
