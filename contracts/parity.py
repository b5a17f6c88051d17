"""Parity of two recordings, per operation: status, message, keys present, types, values.

Interactions are paired by (scenario, operation, store, occurrence). Both sides are already
normalised (ids are references, dates and tokens placeholders), so every value left is
deterministic and compared. Lists of objects that name themselves (``attribute_code``, ``key``,
``code``) are compared by that name, other lists by position. A difference that a listed deviation
explains is reported, not failed; a listed deviation that explains nothing in an operation the
recordings share is stale, and fails the comparison.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

from contracts.deviations import Deviation, Deviations
from contracts.recording import Interaction, Recording, naming_key, type_name

CALL = "(call)"


@dataclass
class Difference:
    operation: str
    context: str
    kind: str  # status | message | missing | extra | type | value
    path: str
    expected: Any
    actual: Any
    deviation: str | None = None

    def describe(self) -> str:
        where = f" {self.path}" if self.path else ""
        if self.kind in ("missing", "extra"):
            side = "only in expected" if self.kind == "missing" else "only in actual"
            detail = f"{side} ({type_name(self.expected if self.kind == 'missing' else self.actual)})"
            if self.path == CALL:
                detail = "call " + side
        else:
            detail = f"expected {_short(self.expected)}, actual {_short(self.actual)}"
        return f"{self.kind}{where}: {detail} [{self.context}]"

    def to_json(self) -> dict[str, Any]:
        return {"operation": self.operation, "context": self.context, "kind": self.kind, "path": self.path,
                "expected": self.expected, "actual": self.actual, "deviation": self.deviation}


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def flatten(value: Any, path: str = "") -> dict[str, Any]:
    """Every node by its path (``items[0].sku``, ``custom_attributes[url_key].value``); containers
    map to an empty ``{}`` / ``[]`` so that their presence and type count too."""
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        out[path] = {}
        for key, child in value.items():
            out.update(flatten(child, f"{path}.{key}" if path else str(key)))
    elif isinstance(value, list):
        out[path] = []
        naming = naming_key(value)
        for index, child in enumerate(value):
            label = child[naming] if naming else index
            out.update(flatten(child, f"{path}[{label}]"))
    else:
        out[path] = value
    return out


def _under(path: str, parents: Iterable[str]) -> bool:
    return any(path.startswith((p + ".", p + "[")) for p in parents if p)


def compare_bodies(expected: Any, actual: Any, operation: str, context: str) -> list[Difference]:
    left, right = flatten(expected), flatten(actual)
    found: list[Difference] = []
    cut: list[str] = []  # paths whose subtree is already reported
    for path in sorted(set(left) | set(right), key=lambda p: (p.count(".") + p.count("["), p)):
        if _under(path, cut):
            continue
        if path not in right:
            found.append(Difference(operation, context, "missing", path, left[path], None))
            cut.append(path)
        elif path not in left:
            found.append(Difference(operation, context, "extra", path, None, right[path]))
            cut.append(path)
        elif type_name(left[path]) != type_name(right[path]):
            found.append(Difference(operation, context, "type", path, type_name(left[path]),
                                    type_name(right[path])))
            cut.append(path)
        elif not isinstance(left[path], dict | list) and left[path] != right[path]:
            found.append(Difference(operation, context, "value", path, left[path], right[path]))
    return found


def compare_interactions(expected: Interaction, actual: Interaction) -> list[Difference]:
    op, ctx = expected.operation, expected.context
    if expected.status != actual.status:
        found = [Difference(op, ctx, "status", "", expected.status, actual.status)]
        e_msg = expected.body.get("message") if isinstance(expected.body, dict) else None
        a_msg = actual.body.get("message") if isinstance(actual.body, dict) else None
        if e_msg != a_msg:
            found.append(Difference(op, ctx, "message", "message", e_msg, a_msg))
        return found
    found = compare_bodies(expected.body, actual.body, op, ctx)
    for diff in found:
        if diff.path == "message" and diff.kind == "value":
            diff.kind = "message"
    return found


@dataclass
class OperationParity:
    operation: str
    compared: int = 0
    differences: list[Difference] = field(default_factory=list)

    @property
    def unexplained(self) -> list[Difference]:
        return [d for d in self.differences if d.deviation is None]


@dataclass
class ParityReport:
    expected: dict[str, Any]
    actual: dict[str, Any]
    operations: dict[str, OperationParity]
    stale: list[Deviation]

    @property
    def ok(self) -> bool:
        return not self.stale and all(not op.unexplained for op in self.operations.values())

    @property
    def counts(self) -> dict[str, int]:
        ops = self.operations.values()
        return {
            "operations": len(self.operations),
            "at_parity": sum(1 for op in ops if not op.differences),
            "explained_only": sum(1 for op in ops if op.differences and not op.unexplained),
            "differing": sum(1 for op in ops if op.unexplained),
            "differences": sum(len(op.differences) for op in ops),
            "explained": sum(len(op.differences) - len(op.unexplained) for op in ops),
            "stale_deviations": len(self.stale),
        }

    def to_json(self) -> dict[str, Any]:
        return {"expected": self.expected, "actual": self.actual, "ok": self.ok, "counts": self.counts,
                "stale_deviations": [d.id for d in self.stale],
                "operations": {name: {"compared": op.compared,
                                      "differences": [d.to_json() for d in op.differences]}
                               for name, op in sorted(self.operations.items())}}


def _explain(diff: Difference, deviations: list[Deviation]) -> str | None:
    for deviation in deviations:
        if deviation.covers(diff.kind, diff.path, diff.context, diff.operation):
            return deviation.id
    return None


def compare(expected: Recording, actual: Recording, deviations: Deviations) -> ParityReport:
    """Pair the interactions and compare them; ``expected`` is the reference (a real Magento)."""
    version = str(expected.meta.get("version", "unknown"))
    applicable = deviations.for_diff(version)
    left = {i.key: i for i in expected.interactions}
    right = {i.key: i for i in actual.interactions}
    operations: dict[str, OperationParity] = {}
    for key in sorted(set(left) | set(right)):
        one, other = left.get(key), right.get(key)
        entry = operations.setdefault((one or other).operation, OperationParity((one or other).operation))  # type: ignore[union-attr]
        if one is None or other is None:
            present = one or other
            assert present is not None
            kind = "missing" if other is None else "extra"
            entry.differences.append(Difference(present.operation, present.context, kind, CALL,
                                                present.status if one else None, present.status if other else None))
            continue
        entry.compared += 1
        entry.differences.extend(compare_interactions(one, other))
    used: set[str] = set()
    for entry in operations.values():
        for diff in entry.differences:
            diff.deviation = _explain(diff, applicable)
            if diff.deviation:
                used.add(diff.deviation)
    stale = [d for d in applicable if d.id not in used
             and any(fnmatchcase(op, d.operation) or any(m.operation and fnmatchcase(op, m.operation)
                                                          for m in d.matches)
                     for op, entry in operations.items() if entry.compared)]
    return ParityReport(dict(expected.meta), dict(actual.meta), operations, stale)


def _side(label: str, meta: dict[str, Any]) -> str:
    return (f"{label} {meta.get('kind')} {meta.get('version')} ({meta.get('interactions')} interactions, "
            f"{meta.get('recorded_at')})")


def render_text(report: ParityReport, show_all: bool = False) -> str:
    counts = report.counts
    lines = [_side("expected:", report.expected), _side("actual:  ", report.actual),
             (f"{counts['operations']} operations: {counts['at_parity']} at parity, {counts['explained_only']} "
              f"differ only by known deviations, {counts['differing']} differ; {counts['differences']} "
              f"differences, {counts['explained']} explained")]
    for name, entry in sorted(report.operations.items()):
        if not entry.differences:
            if show_all:
                lines.append(f"= {name} ({entry.compared} compared)")
            continue
        mark = "!" if entry.unexplained else "~"
        lines.append(f"{mark} {name} ({entry.compared} compared, {len(entry.differences)} differences)")
        for diff in entry.unexplained:
            lines.append(f"    {diff.describe()}")
        explained = Counter(d.deviation for d in entry.differences if d.deviation)
        for diff in (d for d in entry.differences if d.deviation and show_all):
            lines.append(f"    {diff.describe()}  (deviation {diff.deviation})")
        if not show_all:
            lines += [f"    {count} explained by deviation {name}" for name, count in sorted(explained.items())]
    for deviation in report.stale:
        lines.append(f"! stale deviation {deviation.id}: listed for {deviation.operation} but no longer occurs")
    lines.append("OK" if report.ok else "FAILED: differences above (!) are neither fixed nor listed in "
                 "contracts/deviations.yaml")
    return "\n".join(lines)
