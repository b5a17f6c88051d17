"""GET /rest/V1/products/{sku} with an admin token over HTTP: the emulator beside a bare Flask app.

Both are served the same way in their own processes (waitress, 8 threads, loopback): the emulator by
``fake-magento serve --db`` on the ``default`` profile, the yardstick by ``bench.bare_flask`` answering
the very bytes the emulator answered. When ``npx`` is on the PATH, Prism mocks the same operation
from the contract (``npx @stoplight/prism-cli mock openapi/magento-admin-rest.json``; its body is
the contract's example, not the product). The load comes from wrk when installed (2 threads, 16
connections, as in issue 12) or else ``bench.loadgen`` (16 keep-alive connections, one thread each,
in its own process). Targets take turns for ``ROUNDS`` rounds so a busy neighbour on a shared
machine hurts all of them alike; each figure is the median round. The figure that matters is the
ratio emulator / bare Flask. Results go to bench/results/http_throughput.json; never asserted.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

import requests

from bench import write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results" / "http_throughput.json"
ROUNDS = 3
SECONDS = 5.0
CONNECTIONS = 16
PRISM = ["npx", "--yes", "@stoplight/prism-cli@5", "mock", str(ROOT / "openapi" / "magento-admin-rest.json")]


CLI = [sys.executable, "-m", "fake_magento.cli"]


def start(cmd: list[str], pattern: str, log: str, timeout: float = 120.0) -> tuple[subprocess.Popen[bytes], str]:
    """Start a server process, its output to ``log`` (a pipe nobody reads would fill and stall it),
    and wait for the line naming its URL."""
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        found = re.search(pattern, Path(log).read_text(errors="replace"))
        if found:
            return proc, found.group(1)
        time.sleep(0.05)
    stop(proc)
    raise SystemExit(f"{' '.join(cmd[:4])} did not start: {Path(log).read_text(errors='replace')[-500:]}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def wait_until(url: str, headers: dict[str, str], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            requests.get(url, headers=headers, timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise SystemExit(f"{url} never answered")


def load(url: str, headers: dict[str, str]) -> dict[str, Any]:
    parts = urllib.parse.urlsplit(url)
    if shutil.which("wrk"):
        args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{int(SECONDS)}s", "--latency"]
        for k, v in headers.items():
            args += ["-H", f"{k}: {v}"]
        out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        return {"rps": rps, "non_2xx": int(non2xx.group(1)) if non2xx else 0}
    spec = {"host": parts.hostname, "port": parts.port, "path": parts.path, "headers": headers,
            "connections": CONNECTIONS, "seconds": SECONDS, "warmup": 1.0}
    out = subprocess.run([sys.executable, "-m", "bench.loadgen", json.dumps(spec)], capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout
    return json.loads(out)


def tool() -> str:
    if shutil.which("wrk"):
        return f"wrk -t2 -c{CONNECTIONS} -d{int(SECONDS)}s"
    return (f"bench.loadgen (Python, raw-socket HTTP/1.1 keep-alive, {CONNECTIONS} connections, one thread "
            f"each, own process), {SECONDS:g} s after 1 s warm-up")


def run() -> dict[str, Any]:
    out: dict[str, Any] = {"request": "GET /rest/V1/products/{sku}, admin Bearer token (a JWT), default profile",
                           "server": "waitress 8 threads, loopback, each target in its own process",
                           "load": tool(), "rounds": ROUNDS, "cpus": os.cpu_count(),
                           "load_average_before": [round(x, 2) for x in os.getloadavg()]}
    procs: list[subprocess.Popen[bytes]] = []
    with tempfile.TemporaryDirectory() as tmp:
        try:
            emulator, base = start([*CLI, "serve", "--db", os.path.join(tmp, "bench.db"),
                                    "--port", "0"], r"serving (http://\S+?)/rest",
                                   os.path.join(tmp, "emulator.log"))
            procs.append(emulator)
            creds = json.loads(subprocess.run(
                [*CLI, "credentials", "--db", os.path.join(tmp, "bench.db"), "--json"],
                capture_output=True, text=True, check=True).stdout)
            token = requests.post(f"{base}/rest/V1/integration/admin/token", json={
                "username": creds["admin_username"], "password": creds["admin_password"]}, timeout=10).json()
            headers = {"Authorization": f"Bearer {token}"}
            listing = requests.get(f"{base}/rest/V1/products", headers=headers, timeout=10, params={
                "searchCriteria[pageSize]": 1,
                "searchCriteria[filter_groups][0][filters][0][field]": "type_id",
                "searchCriteria[filter_groups][0][filters][0][value]": "simple"}).json()
            sku = listing["items"][0]["sku"]
            path = "/rest/V1/products/" + urllib.parse.quote(sku, safe="")
            answer = requests.get(base + path, headers=headers, timeout=10)
            assert answer.status_code == 200, answer.text
            body_file = os.path.join(tmp, "body.json")
            Path(body_file).write_bytes(answer.content)
            bare, bare_base = start([sys.executable, "-m", "bench.bare_flask", "--body", body_file],
                                    r"serving (http://\S+)", os.path.join(tmp, "bare.log"))
            procs.append(bare)
            assert requests.get(bare_base + path, timeout=10).content == answer.content
            targets = {"emulator": base + path, "bare_flask": bare_base + path}
            out["sku"], out["body_bytes"] = sku, len(answer.content)
            if shutil.which("npx"):
                try:
                    prism, prism_base = start([*PRISM, "-h", "127.0.0.1", "-p", "4010"],
                                              r"Prism is listening on (http://\S+)",
                                              os.path.join(tmp, "prism.log"), timeout=180)
                    procs.append(prism)
                    prism_url = prism_base.rstrip("/") + "/V1/products/" + urllib.parse.quote(sku, safe="")
                    wait_until(prism_url, headers)
                    targets["prism"] = prism_url
                    out["prism"] = "npx @stoplight/prism-cli@5 mock openapi/magento-admin-rest.json (static example)"
                except (SystemExit, OSError) as exc:
                    out["prism"] = f"not run: {exc}"
            else:
                out["prism"] = "not run: npx not found"
            runs: dict[str, list[dict[str, Any]]] = {name: [] for name in targets}
            for _ in range(ROUNDS):
                for name, url in targets.items():
                    runs[name].append(load(url, headers))
            for name, samples in runs.items():
                out[name] = {"rps_median": round(statistics.median(s["rps"] for s in samples), 1),
                             "runs": samples}
            out["ratio_emulator_to_bare_flask"] = round(
                out["emulator"]["rps_median"] / out["bare_flask"]["rps_median"], 3)
            if "prism" in targets:
                out["ratio_emulator_to_prism"] = round(
                    out["emulator"]["rps_median"] / out["prism"]["rps_median"], 3)
        finally:
            for proc in procs:
                stop(proc)
    out["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return out


def main() -> None:
    write_results(RESULTS, run())


if __name__ == "__main__":
    main()
