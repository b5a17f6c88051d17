"""Seeding each profile through the command line: time, CPU and peak memory.

For every profile, ``fake-magento seed --profile NAME --seed 42 --db PATH`` runs in its own
process (the ``large`` profile draws its progress bar on that process's stderr, shown here):

* ``seconds``: wall time of the whole command (imports, seeding, the reset snapshot);
* ``cpu_seconds``: user + system CPU of the process, and ``load_before``/``load_after`` (1-minute
  load average), since wall time on a shared 2-core machine depends on the others;
* ``peak_rss_mb``: the process's peak resident set (ru_maxrss);
* ``db_mb``: the database file, and the counts of products, customers and orders seeded.

Goals (issue 11): ``default`` under 2 s, ``large`` under 30 s and 500 MB. Figures go to
bench/results/seeding.json. Timings are reported, never asserted.
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results" / "seeding.json"
PROFILES = ("minimal", "default", "edge", "large")
GOALS = {"default": {"seconds": 2}, "large": {"seconds": 30, "peak_rss_mb": 500}}


def measure(profile: str, tmp: str) -> dict[str, Any]:
    db = os.path.join(tmp, f"{profile}.db")
    command = [sys.executable, "-m", "fake_magento.cli", "seed", "--profile", profile, "--seed", "42", "--db", db]
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)  # stderr: the progress bar
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"seeding {profile} failed")
    conn = sqlite3.connect(db)
    counts = {table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
              for table in ("catalog_product_entity", "customer_entity", "sales_order")}
    conn.close()
    return {"seconds": round(seconds, 2), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "db_mb": round(os.path.getsize(db) / 2**20, 1),
            "products": counts["catalog_product_entity"], "customers": counts["customer_entity"],
            "orders": counts["sales_order"], "load_before": round(load_before, 2),
            "load_after": round(os.getloadavg()[0], 2),
            "command": " ".join(["fake-magento", *command[3:-1], "PATH"])}


def run(profiles: tuple[str, ...] = PROFILES) -> dict[str, Any]:
    out: dict[str, Any] = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "goals": GOALS}
    with tempfile.TemporaryDirectory() as tmp:
        for profile in profiles:
            out[profile] = measure(profile, tmp)
            print(f"{profile}: {out[profile]}", file=sys.stderr)
    return out


def main(profiles: tuple[str, ...] = PROFILES) -> None:
    """Every profile (``python -m bench`` calls it so); ``python -m bench.seeding NAME...`` for some."""
    results = run(profiles)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    print(json.dumps(results, indent=2, sort_keys=True))


if __name__ == "__main__":
    main(tuple(sys.argv[1:]) or PROFILES)
