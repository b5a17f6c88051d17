"""The summary of a `make bench` run: bench/results.json and the table in README.md.

Reads the per-benchmark files in bench/results/ (whatever ran), picks the headline figures, writes
them with how each was measured to bench/results.json, and rewrites the table between the
``<!-- bench:start -->`` and ``<!-- bench:end -->`` markers of README.md.
"""
from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).parent
RESULTS = BENCH / "results"
SUMMARY = BENCH / "results.json"
README = BENCH.parent / "README.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def _load(name: str) -> dict[str, Any]:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else {}


def _get(data: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def summary() -> dict[str, Any]:
    http, search, seeding = _load("http_throughput"), _load("search"), _load("seeding")
    pull, life, plat = _load("connector_pull"), _load("lifecycle"), _load("platform")
    profile = _load("connector_profile")
    out: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "written": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())},
        "get_product_by_sku": {
            "what": http.get("request"), "server": http.get("server"), "load": http.get("load"),
            "rounds": http.get("rounds"), "emulator_rps": _get(http, "emulator", "rps_median"),
            "bare_flask_rps": _get(http, "bare_flask", "rps_median"),
            "prism_rps": _get(http, "prism", "rps_median"), "prism": http.get("prism"),
            "ratio_to_bare_flask": http.get("ratio_emulator_to_bare_flask"),
            "ratio_to_prism": http.get("ratio_emulator_to_prism"),
            "load_average": [http.get("load_average_before"), http.get("load_average_after")],
        },
        "search_orders_window_p50_ms": {
            size: {kind: _get(search, size, "window_1000", kind, "p50_ms") for kind in ("engine", "list", "http")}
            for size in ("1000", "10000", "100000")},
        "search_what": search.get("figures"),
        "seeding": {name: {key: figures.get(key) for key in ("seconds", "peak_rss_mb", "products", "customers",
                                                              "orders")}
                    for name, figures in seeding.items() if isinstance(figures, dict) and "seconds" in figures},
        "connector_pull": {size: {key: _get(pull, size, key) for key in ("seconds", "peak_rss_mb", "records")}
                           for size in ("10000", "50000", "100000") if size in pull},
        "connector_profile_lookup_p50_ms": {"oauth_warm": _get(profile, "oauth", "warm", "p50_ms"),
                                            "oauth_cold": _get(profile, "oauth", "cold", "p50_ms")},
        "startup_to_healthy_s": {"seeded_db": life.get("startup_seeded_db_s"), "fresh": life.get("startup_fresh_s")},
        "reset": {"http_p50_ms": _get(life, "reset_http", "p50_ms"),
                  "in_process_default_p50_ms": _get(plat, "reset_default", "p50_ms")},
        "files": sorted(p.name for p in RESULTS.glob("*.json")),
    }
    return out


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "not run"
    if isinstance(value, float):
        value = f"{value:,.2f}".rstrip("0").rstrip(".") if value < 100 else f"{value:,.0f}"
    return f"{value}{unit}"


def table(s: dict[str, Any]) -> str:
    get = s["get_product_by_sku"]
    rows = [
        ("GET /rest/V1/products/{sku}, admin token (rps)",
         (f"emulator {_fmt(get['emulator_rps'])}, bare Flask {_fmt(get['bare_flask_rps'])} "
         f"(**{_fmt(get['ratio_to_bare_flask'])}x**), Prism {_fmt(get['prism_rps'])}")),
    ]
    for size, label in (("1000", "1k"), ("10000", "10k"), ("100000", "100k")):
        fig = s["search_orders_window_p50_ms"][size]
        rows.append((f"searchCriteria on orders, {label} orders (p50 ms)",
                     f"engine {_fmt(fig['engine'])}, list call {_fmt(fig['list'])}, in-process HTTP {_fmt(fig['http'])}"))
    for name, fig in s["seeding"].items():
        rows.append((f"seeding `{name}`", f"{_fmt(fig['seconds'], ' s')}, peak {_fmt(fig['peak_rss_mb'], ' MB')}"))
    for size, fig in s["connector_pull"].items():
        rows.append((f"connector full pull, {int(size):,} orders",
                     f"{_fmt(fig['seconds'], ' s')}, peak {_fmt(fig['peak_rss_mb'], ' MB')}"))
    lookup = s["connector_profile_lookup_p50_ms"]
    rows.append(("connector customer-profile lookup (p50)",
                 f"{_fmt(lookup['oauth_warm'], ' ms')} (4 calls), {_fmt(lookup['oauth_cold'], ' ms')} first (6 calls)"))
    up = s["startup_to_healthy_s"]
    rows.append(("start-up to healthy", (f"{_fmt(up['seeded_db'], ' s')} (seeded --db), "
                                        f"{_fmt(up['fresh'], ' s')} (fresh, seeds default)")))
    reset = s["reset"]
    rows.append(("reset", (f"{_fmt(reset['http_p50_ms'], ' ms')} over HTTP, "
                          f"{_fmt(reset['in_process_default_p50_ms'], ' ms')} in-process (p50)")))
    lines = ["| figure | measured |", "|---|---|", *(f"| {a} | {b} |" for a, b in rows)]
    load = get["load_average"][0] or []
    lines.append("")
    lines.append(f"Load: {get['load'] or 'not run'}; {s['machine']['cpus']} CPUs, load average "
                 f"{', '.join(str(x) for x in load) or 'n/a'} at the start of the HTTP run "
                 f"(a shared machine: compare the ratio, not the raw figures). Written {s['machine']['written']} UTC "
                 "by `make bench`; details in `bench/results.json` and `bench/results/*.json`.")
    return "\n".join(lines)


def write_readme(text: str) -> bool:
    readme = README.read_text()
    if START not in readme or END not in readme:
        return False
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{text}\n{END}{tail}")
    return True


def main() -> None:
    s = summary()
    SUMMARY.write_text(json.dumps(s, indent=2) + "\n")
    text = table(s)
    written = write_readme(text)
    print(text)
    if not written:
        print(f"(README.md has no {START} ... {END} markers: table not written there)")


if __name__ == "__main__":
    main()
