"""The coverage report (``contracts/COVERAGE.md``): the official 2.4.8 schema's operations in the
areas the project covers, and for each whether the emulator serves it, the connector uses it, the
scenarios check it and the sandbox recording has it.

An area is the first path segment after ``/V1/`` of an operation the emulator serves
(``products``, ``orders``, ``inventory`` ...). The official schema is read from
``../shared/reference/magento-2.4.8-admin-rest-schema.json`` when it is there; elsewhere (CI) the
operation list is read back from the committed report, so the check still runs.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from contracts.recording import Recording
from contracts.schema import CONTRACT, METHODS, Contract, shape

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
COVERAGE = PACKAGE / "COVERAGE.md"
OFFICIAL = ROOT.parent / "shared" / "reference" / "magento-2.4.8-admin-rest-schema.json"
SANDBOX_RECORDING = PACKAGE / "recordings" / "sandbox-2.4.7-p3.json"
CONNECTOR = ROOT / "connector"
SCENARIO_FILES = [PACKAGE / "builders.py", *sorted((PACKAGE / "scenarios").glob("*.py"))]

_CONNECTOR_CALL = re.compile(r'requestor\.(get|post|put|delete)\(\s*(?:path\(\s*)?"([^"]+)"')
_CONNECTOR_LIST = re.compile(r'list_path\s*=\s*"([^"]+)"')
_SCENARIO_CALL = re.compile(r'\.(get|post|put|delete)\(\s*"(/V1/[^"]+)"')
_SCENARIO_REQUEST = re.compile(r'\.request\(\s*"([A-Z]+)",\s*"(/V1/[^"]+)"')
_ROW = re.compile(r"^\| (GET|POST|PUT|DELETE|PATCH) \| `([^`]+)` \|")
_ASYNC_PARAM = re.compile(r"^by[A-Z]\w*$")


def _key(method: str, path: str) -> tuple[str, str]:
    return method.upper(), shape(path)


def official_operations(schema: Path = OFFICIAL, report: Path = COVERAGE) -> list[tuple[str, str]]:
    if schema.exists():
        spec = json.loads(schema.read_text(encoding="utf-8"))
        return sorted((m.upper(), p) for p, item in spec["paths"].items() for m in METHODS if m in item)
    rows = [_ROW.match(line) for line in report.read_text(encoding="utf-8").splitlines()] if report.exists() else []
    return sorted((m.group(1), m.group(2)) for m in rows if m)


def served(contract: Contract) -> set[tuple[str, str]]:
    """(METHOD, shape) of every operation in the emulator's contract (the router's routes)."""
    return set(contract.operations)


def area(path: str) -> str:
    return path.split("/")[2] if path.startswith("/V1/") else path


def connector_operations(folder: Path = CONNECTOR) -> set[tuple[str, str]]:
    """(METHOD, shape) of every path the connector's resources call (``path("orders/{}", id)``)."""
    found: set[tuple[str, str]] = set()
    for source in sorted(folder.rglob("*.py")) if folder.exists() else []:
        text = source.read_text(encoding="utf-8")
        calls = [(m.group(1), m.group(2)) for m in _CONNECTOR_CALL.finditer(text)]
        calls += [("get", m.group(1)) for m in _CONNECTOR_LIST.finditer(text)]
        for method, rel in calls:
            # async bulk routes name a parameter "bySku" where the synchronous route has {sku}
            parts = ["{}" if _ASYNC_PARAM.match(p) else p for p in rel.strip("/").split("/")]
            found.add(_key(method, "/V1/" + "/".join(parts)))
    return found


def scenario_operations(files: Iterable[Path] = SCENARIO_FILES) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for source in files:
        text = source.read_text(encoding="utf-8")
        found |= {_key(m.group(1), m.group(2)) for m in _SCENARIO_CALL.finditer(text)}
        found |= {_key(m.group(1), m.group(2)) for m in _SCENARIO_REQUEST.finditer(text)}
    return found


def recorded_operations(recording: Path = SANDBOX_RECORDING) -> set[tuple[str, str]]:
    if not recording.exists():
        return set()
    return {_key(*i.operation.split(" ", 1)) for i in Recording.load(recording).interactions}


def build_report(schema: Path = OFFICIAL, contract_path: Path = CONTRACT) -> str:
    contract = Contract.load(contract_path)
    ours = served(contract)
    areas = {area(path) for path, _ in contract.operations.values()}
    operations = [(m, p) for m, p in official_operations(schema) if area(p) in areas]
    used, checked, recorded = connector_operations(), scenario_operations(), recorded_operations()
    # the scenarios also check what the connector calls in them (the recording shows those calls)
    checked |= recorded
    rows, totals = [], Counter[str]()
    per_area: dict[str, Counter[str]] = {}
    for method, path in operations:
        key = _key(method, path)
        marks = {"served": key in ours, "connector": key in used, "scenarios": key in checked,
                 "sandbox": key in recorded}
        counts = per_area.setdefault(area(path), Counter())
        counts["operations"] += 1
        totals["operations"] += 1
        for name, present in marks.items():
            counts[name] += present
            totals[name] += present
        rows.append(f"| {method} | `{path}` | " + " | ".join("yes" if marks[n] else "" for n in marks) + " |")
    lines = [
        "# Contract kit coverage",
        "",
        ("Generated by `magento-contracts coverage` from Adobe's official 2.4.8 admin REST schema, the "
         "emulator's contract (`openapi/magento-admin-rest.json`), the connector's resources (`connector/`), "
         "the kit's scenarios (`contracts/scenarios/`, `contracts/builders.py`) and the sandbox recording "
         f"(`contracts/recordings/{SANDBOX_RECORDING.name}`); do not edit by hand."),
        "",
        ("Areas: the first path segment after `/V1/` of every operation the emulator serves. *served*: the "
         "emulator serves it; *connector*: the connector calls it; *scenarios*: a scenario calls it (itself or "
         "through the connector); *sandbox*: the committed recording of the real 2.4.7-p3 sandbox has it."),
        "",
        (f"{totals['operations']} operations in {len(per_area)} areas: {totals['served']} served, "
         f"{totals['connector']} used by the connector, {totals['scenarios']} checked by scenarios, "
         f"{totals['sandbox']} in the sandbox recording."),
        "",
        "| area | operations | served | connector | scenarios | sandbox |",
        "|---|---|---|---|---|---|",
    ]
    for name, counts in sorted(per_area.items()):
        lines.append(f"| `{name}` | {counts['operations']} | {counts['served']} | {counts['connector']} | "
                     f"{counts['scenarios']} | {counts['sandbox']} |")
    lines += ["", "| Method | Path | served | connector | scenarios | sandbox |", "|---|---|---|---|---|---|", *rows]
    return "\n".join(lines) + "\n"
