"""`make bench`: every benchmark, each writing its figures to bench/results/, then the summary
(bench/results.json) and the table in README.md (bench/report.py)."""
from __future__ import annotations

import importlib
import sys
import time

# In the order they run; a module missing from this checkout is skipped (and said so).
MODULES = ["platform", "lifecycle", "http_throughput", "search", "seeding", "connector_profile", "connector_pull"]


def main() -> None:
    only = sys.argv[1:] or MODULES
    for name in only:
        try:
            module = importlib.import_module(f"bench.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"bench.{name}":
                raise
            print(f"== bench.{name}: not in this checkout, skipped", file=sys.stderr)
            continue
        started = time.perf_counter()
        print(f"== bench.{name}", file=sys.stderr, flush=True)
        module.main()
        print(f"== bench.{name}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    from bench import report

    report.main()


if __name__ == "__main__":
    main()
