"""The connector's incremental pull at scale: a full pull of 10k and 100k orders over a socket.

For each size, the ``default`` profile is seeded and synthetic orders are added to the real sales
tables (``bench.search.add_orders``: copies of the seeded orders with their items, new ids,
updated_at spread over 2025). The emulator serves that database in its own process
(``fake-magento serve --db``, waitress); the pull runs in another fresh process, so the pulling
side's memory is measured alone:

* ``seconds``: ``connector.operations.pull.pull`` from nothing to the end (OAuth 1.0a, page size
  300, durable: each page fsynced, the state saved atomically after it);
* ``peak_rss_mb``: the pulling process's peak resident set (VmHWM), and ``baseline_mb`` the same
  after its imports, before the pull; ``rss_mb_at``: its current resident set sampled when 10%, 50% and
  100% of the orders were written, to show memory flat as the count grows inside one pull;
* ``tracemalloc_peak_mb`` (10k): the Python heap's peak in a second, traced run;
* ``pull_cpu_seconds`` and ``emulator_cpu_seconds``: CPU used by each side, and the 1-minute load
  average before and after, since the wall time on a shared 2-core machine depends on both.

Figures go to bench/results/connector_pull.json. Timings are reported, never asserted.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import write_results

RESULTS = Path(__file__).parent / "results" / "connector_pull.json"
# 10k and 100k keep `make bench` to a few minutes; the flat memory shows inside one pull (rss_mb_at)
SIZES = (10_000, 100_000)
TRACED = (10_000,)
PAGE_SIZE = 300
GOAL_SECONDS = 60


# -- the pulling process -----------------------------------------------------------------------------
def _status_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process, from /proc: ``ru_maxrss`` would not do, Linux
    carries it over exec from the process that started this one."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def child(args: dict[str, Any]) -> dict[str, Any]:
    """Run one pull and measure it; runs in its own process (``python -m bench.connector_pull child``)."""
    import tracemalloc

    from connector.client import MagentoClient
    from connector.config import ConnectorConfig
    from connector.operations.pull import PullProgress, pull

    expected = int(args["expected"])
    marks = {round(expected * f): f"{int(f * 100)}%" for f in (0.1, 0.5, 1.0)}
    rss_at: dict[str, float] = {}

    def on_page(progress: PullProgress) -> None:
        for count, label in marks.items():
            if label not in rss_at and progress.records >= count:
                rss_at[label] = round(_status_mb("VmRSS"), 1)

    baseline = _status_mb("VmHWM")
    with MagentoClient(ConnectorConfig.from_dict(args["config"])) as client:
        if args["trace"]:
            tracemalloc.start()
        started, cpu = time.perf_counter(), time.process_time()
        summary = pull(client, "orders", args["out"], args["state"], page_size=PAGE_SIZE, on_page=on_page)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        peak = tracemalloc.get_traced_memory()[1] if args["trace"] else None
    return {"seconds": round(seconds, 2), "pull_cpu_seconds": round(cpu, 2), "records": summary.records, "requests": summary.requests,
            "bytes_written": summary.bytes_written, "watermark": summary.watermark,
            "baseline_mb": round(baseline, 1), "peak_rss_mb": round(_status_mb("VmHWM"), 1), "rss_mb_at": rss_at,
            "tracemalloc_peak_mb": None if peak is None else round(peak / 2**20, 1)}


# -- the orchestration -------------------------------------------------------------------------------
def build(tmp: str, template: str, count: int) -> str:
    from bench.search import add_orders

    path = os.path.join(tmp, f"orders_{count}.db")
    shutil.copyfile(template, path)
    shutil.copyfile(template + ".seed", path + ".seed")
    add_orders(path, count)
    return path


def serve(db: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, "-m", "fake_magento.cli", "serve", "--db", db, "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("fake-magento serving "):
            return proc, line.split()[2].removesuffix("/rest/V1")
    proc.kill()
    raise SystemExit("the emulator did not start")


def cpu_seconds(pid: int) -> float:
    """user + system CPU of a process so far (/proc/<pid>/stat fields 14 and 15, in clock ticks)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


def run_child(args: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "bench.connector_pull", "child", json.dumps(args)],
                          capture_output=True, text=True, check=False, cwd=Path(__file__).parent.parent)
    if done.returncode != 0:
        raise SystemExit(f"the pull failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(db: str, count: int, tmp: str, trace: bool) -> dict[str, Any]:
    from fake_magento import Config
    from fake_magento.backend import Backend

    backend = Backend(Config(db_path=db, profile="default"))
    creds = backend.db.get_meta("credentials")
    total = int(backend.db.one("SELECT COUNT(*) FROM sales_order")[0])
    backend.close()
    proc, url = serve(db)
    try:
        config = {"url": url, "consumerKey": creds["consumer_key"], "consumerSecret": creds["consumer_secret"],
                  "accessToken": creds["access_token"], "accessTokenSecret": creds["access_token_secret"],
                  "timeout": 120}
        out, state = os.path.join(tmp, f"pull_{count}.jsonl"), os.path.join(tmp, f"pull_{count}.state.json")
        server_cpu = cpu_seconds(proc.pid)
        load = os.getloadavg()[0]
        result = run_child({"config": config, "out": out, "state": state, "expected": total, "trace": trace})
        result["emulator_cpu_seconds"] = round(cpu_seconds(proc.pid) - server_cpu, 2)
        result["load_average_1m"] = [round(load, 2), round(os.getloadavg()[0], 2)]
        if result["records"] != total:
            raise SystemExit(f"pulled {result['records']} of {total} orders")
        ids = set()
        with open(out, "rb") as lines:
            for line in lines:
                ids.add(json.loads(line)["entity_id"])
        if len(ids) != total:
            raise SystemExit(f"{total} orders, {len(ids)} distinct ids written")
        os.unlink(out)
        os.unlink(state)
    finally:
        stop(proc)
    result["orders"] = total
    return result


def run() -> dict[str, Any]:
    from bench.search import seed_template

    out: dict[str, Any] = {
        "what": "a full incremental pull of every order (no watermark) from the emulator over a socket, "
                "as JSON lines, with connector.operations.pull (keyset paging, page size 300, OAuth 1.0a, "
                "durable: fsync per page and an atomic state save)",
        "processes": "emulator: fake-magento serve --db (waitress, 8 threads); pull: a fresh python process",
        "goal_seconds_at_100k": GOAL_SECONDS, "cpus": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
    }
    with tempfile.TemporaryDirectory() as tmp:
        template = seed_template(tmp)
        for count in SIZES:
            db = build(tmp, template, count)
            figures = measure(db, count, tmp, trace=False)
            if count in TRACED:
                figures["tracemalloc_peak_mb"] = measure(db, count, tmp, trace=True)["tracemalloc_peak_mb"]
            figures["orders_per_second"] = round(figures["records"] / figures["seconds"])
            figures["mb_written"] = round(figures.pop("bytes_written") / 2**20, 1)
            out[str(count)] = figures
            os.unlink(db)
            print(f"{count}: {json.dumps(figures)}", file=sys.stderr)
    out["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    out["summary"] = {str(n): {"seconds": out[str(n)]["seconds"], "peak_rss_mb": out[str(n)]["peak_rss_mb"],
                               "tracemalloc_peak_mb": out[str(n)].get("tracemalloc_peak_mb")} for n in SIZES}
    out["under_goal_at_100k"] = out[str(SIZES[-1])]["seconds"] < GOAL_SECONDS
    return out


def main() -> None:
    write_results(RESULTS, run())


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "child":
        print(json.dumps(child(json.loads(sys.argv[2]))))
    else:
        main()
