"""`make bench`: every benchmark, each in its own process writing its figures to bench/results/, then
the summary (bench/results.json) and the table in README.md (bench/report.py).

``python -m bench NAME ...`` runs only those (the summary still reads every results file).
Its own process per benchmark: a child's peak RSS (ru_maxrss) starts at its parent's size on Linux,
so seeding measured after the 100k-order search in one process read 670 MB for every profile.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

# In the order they run; a module missing from this checkout is skipped (and said so).
MODULES = ["platform", "lifecycle", "http_throughput", "search", "seeding", "connector_profile", "connector_pull"]
BENCH = Path(__file__).parent


def main() -> None:
    failed = []
    for name in sys.argv[1:] or MODULES:
        if not (BENCH / f"{name}.py").exists():
            print(f"== bench.{name}: not in this checkout, skipped", file=sys.stderr)
            continue
        started = time.perf_counter()
        print(f"== bench.{name}", file=sys.stderr, flush=True)
        done = subprocess.run([sys.executable, "-m", f"bench.{name}"], cwd=BENCH.parent, check=False)
        print(f"== bench.{name}: {time.perf_counter() - started:.0f} s"
              f"{'' if done.returncode == 0 else f', FAILED ({done.returncode})'}", file=sys.stderr, flush=True)
        if done.returncode != 0:
            failed.append(name)
    from bench import report

    report.main()
    if failed:
        raise SystemExit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
