"""Published real-Magento exchanges, compared where they apply: by shape (key paths and JSON types).

The reference recordings (``../shared/reference/recordings/``: the OCA connector's VCR cassettes,
recorded on a Magento 2.3 store, and Adobe's documented examples) hold other stores' data, so only
their shapes compare: for an operation that both they and a kit recording have, a key path present
on both sides must carry the same JSON type (null aside). Keys present on one side only are listed
as notes (other data, other modules), not as differences.

``magento-contracts reference-shapes DIR`` extracts the shapes into ``recordings/reference-shapes.json``
(facts only: operations, key paths, types), which the tests read; CI has no ``../shared``.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from contracts.deviations import Deviations
from contracts.parity import Difference, OperationParity, ParityReport
from contracts.recording import Recording, type_name
from contracts.schema import Contract

SHAPES = Path(__file__).resolve().parent / "recordings" / "reference-shapes.json"
SOURCES = {
    "oca": {"version": "2.3.4", "what": "OCA/connector-magento 12.0 VCR cassettes (a Magento Open Source "
                                        "2.3.x Luma store, most likely 2.3.4, 2020)"},
    "adobe-docs": {"version": "2.4-docs", "what": "Adobe Commerce web API documentation examples "
                                                 "(AdobeDocs/commerce-webapi, 2.4.x, partly hand-edited)"},
}
_REST = re.compile(r"^(?:/index\.php)?/rest(?:/[^/]+)?(/V1/.*)$")


@dataclass
class Exchange:
    source: str
    operation: str
    status: int
    body: Any
    origin: str


def shape(value: Any, path: str = "", out: dict[str, set[str]] | None = None) -> dict[str, set[str]]:
    """Key path (list positions as ``[]``) -> the JSON types seen there."""
    found = out if out is not None else {}
    kind = type_name(value)
    # other stores' data: 30 and 253.74 are the same JSON type here
    found.setdefault(path, set()).add("number" if kind == "integer" else kind)
    if isinstance(value, dict):
        for key, child in value.items():
            shape(child, f"{path}.{key}" if path else str(key), found)
    elif isinstance(value, list):
        for child in value:
            shape(child, f"{path}[]", found)
    return found


def _operation(contract: Contract, method: str, url_path: str) -> str | None:
    match = _REST.match(url_path)
    if not match:
        return None
    found = contract.match(method, match.group(1).replace(":", "_"))
    return f"{method.upper()} {found}" if found else None


def read_oca(folder: Path, contract: Contract) -> Iterator[Exchange]:
    for cassette in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(cassette.read_text(encoding="utf-8")) or {}
        for interaction in data.get("interactions", []):
            request, response = interaction["request"], interaction["response"]
            operation = _operation(contract, request["method"], urlsplit(request["uri"]).path)
            text = response.get("body", {}).get("string")
            if operation is None or not isinstance(text, str):
                continue
            try:
                body = json.loads(text)
            except ValueError:
                continue
            yield Exchange("oca", operation, int(response["status"]["code"]), body, cassette.name)


def read_adobe_docs(path: Path, contract: Contract) -> Iterator[Exchange]:
    for entry in json.loads(path.read_text(encoding="utf-8")):
        request, response = entry["request"], entry["response"]
        route, body = request.get("v1_route"), response.get("body")
        if not route or not isinstance(body, dict | list):
            continue
        found = contract.match(request["method"], route.replace(":", "_"))
        if found:
            yield Exchange("adobe-docs", f"{request['method'].upper()} {found}", int(response.get("status") or 200),
                           body, f"{entry['source']}:{entry['source_line']}")


def extract(folder: Path, contract: Contract) -> dict[str, Any]:
    """The committed shapes file's content, from ``../shared/reference/recordings``."""
    exchanges = list(read_oca(folder / "oca-connector-magento-m2", contract))
    docs = folder / "adobe-docs-examples.json"
    if docs.exists():
        exchanges += read_adobe_docs(docs, contract)
    shapes: dict[str, dict[str, dict[str, Any]]] = {}
    for exchange in exchanges:
        if exchange.status != 200:
            continue
        entry = shapes.setdefault(exchange.source, {}).setdefault(exchange.operation, {"origins": [], "paths": {}})
        if exchange.origin not in entry["origins"]:
            entry["origins"].append(exchange.origin)
        for key, types in shape(exchange.body).items():
            entry["paths"].setdefault(key, set()).update(types)
    return {"sources": {name: SOURCES[name] for name in shapes},
            "shapes": {source: {op: {"origins": sorted(e["origins"]),
                                     "paths": {p: sorted(t) for p, t in sorted(e["paths"].items())}}
                                for op, e in sorted(ops.items())}
                       for source, ops in sorted(shapes.items())}}


def write_shapes(folder: Path, contract: Contract, out: Path = SHAPES) -> dict[str, Any]:
    data = extract(folder, contract)
    out.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return data


@dataclass
class ShapeReport:
    source: str
    parity: ParityReport
    notes: dict[str, list[str]]


def _recorded_shapes(recording: Recording) -> dict[str, dict[str, set[str]]]:
    found: dict[str, dict[str, set[str]]] = {}
    for interaction in recording.interactions:
        if interaction.status == 200:
            shape(interaction.body, "", found.setdefault(interaction.operation, {}))
    return found


def compare_shapes(shapes: dict[str, Any], recording: Recording, deviations: Deviations,
                   sources: Iterable[str] | None = None) -> list[ShapeReport]:
    """Types of the key paths both sides have, per operation both sides have, per source."""
    ours = _recorded_shapes(recording)
    reports = []
    for source in sources or sorted(shapes["shapes"]):
        version = shapes["sources"][source]["version"]
        applicable = deviations.for_diff(version)
        operations: dict[str, OperationParity] = {}
        notes: dict[str, list[str]] = {}
        for operation, entry in shapes["shapes"][source].items():
            if operation not in ours:
                continue
            parity = operations.setdefault(operation, OperationParity(operation, compared=1))
            theirs = {p: set(t) for p, t in entry["paths"].items()}
            mine = ours[operation]
            for path in sorted(set(theirs) & set(mine)):
                left, right = theirs[path] - {"null"}, mine[path] - {"null"}
                if left and right and not left & right:
                    parity.differences.append(Difference(operation, ",".join(entry["origins"][:3]), "type", path,
                                                         sorted(left), sorted(right)))
            only = sorted(set(theirs) - set(mine))
            if only:
                notes[operation] = only
        for parity in operations.values():
            for diff in parity.differences:
                diff.deviation = next((d.id for d in applicable
                                       if d.covers(diff.kind, diff.path, diff.context, diff.operation)), None)
        meta = {"kind": source, "version": version, "interactions": len(shapes["shapes"][source]),
                "recorded_at": SOURCES.get(source, {}).get("what")}
        reports.append(ShapeReport(source, ParityReport(meta, dict(recording.meta), operations, []), notes))
    return reports


def stale_deviations(shapes: dict[str, Any], reports: Iterable[ShapeReport], deviations: Deviations) -> list[str]:
    """Entries for the reference versions that explained no difference in any of ``reports``
    (several recordings are compared with the same references: an entry may concern only one)."""
    used = {d.deviation for r in reports for op in r.parity.operations.values() for d in op.differences}
    versions = {info["version"] for info in shapes["sources"].values()}
    return sorted(d.id for v in versions for d in deviations.for_diff(v) if d.id not in used
                  and not any(d.concerns_version(other) for other in ("2.4.7-p3", "2.4.8")))
