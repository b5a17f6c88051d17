"""Known deviations: one YAML file, each entry with its evidence.

An entry (``contracts/deviations.yaml``)::

    - id: unknown-store-code
      operation: GET /V1/store/storeViews        # the operation (fnmatch pattern)
      differs: what Magento does and what the emulator does instead
      evidence: a sandbox recording, a Magento source path or a published recording
      versions: ["2.4.7-p3"]                     # the Magento versions it concerns
      target: emulator                           # who deviates: "emulator" (default) or "magento"
      match:                                     # which recording differences it explains
        - {kind: status}                         # kind: status|message|missing|extra|type|value|schema
        - {kind: value, path: "parameters.*"}    # path: fnmatch over the flattened JSON path

A ``schema`` match explains a response outside the OpenAPI contract (``path``: the JSON path with
dots, ``items.0.sku``), usually a contract error awaiting an overlay in ``openapi/overlays``.

In a scenario run, ``deviation(id)`` marks the block (or ``@pytest.mark.deviation(id)`` the test)
that shows it: on a target the entry concerns, the block's failure is reported as the deviation,
and a block that passes fails the run (the deviation is gone: delete the entry). In a diff, the
differences an entry matches are reported, not failed, and an entry that matches nothing fails.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import yaml

DEVIATIONS = Path(__file__).resolve().parent / "deviations.yaml"
KINDS = ("status", "message", "missing", "extra", "type", "value", "schema")
_REQUIRED = ("id", "operation", "differs", "evidence", "versions")


class DeviationError(ValueError):
    """The deviations file is malformed."""


@dataclass(frozen=True)
class Match:
    kind: str = "*"
    path: str = "*"
    context: str = "*"
    operation: str | None = None

    def covers(self, kind: str, path: str, context: str, operation: str, default_operation: str) -> bool:
        return (fnmatchcase(kind, self.kind) and fnmatchcase(path, self.path)
                and fnmatchcase(context, self.context)
                and fnmatchcase(operation, self.operation or default_operation))


@dataclass(frozen=True)
class Deviation:
    id: str
    operation: str
    differs: str
    evidence: str
    versions: tuple[str, ...]
    target: str = "emulator"
    matches: tuple[Match, ...] = field(default_factory=tuple)

    def concerns_version(self, version: str) -> bool:
        """``2.4.7`` in the file covers ``2.4.7-p3``; ``*`` covers every version."""
        return any(v in ("*", version) or version.startswith((v + "-", v + ".")) for v in self.versions)

    def applies_to(self, kind: str, version: str) -> bool:
        """Whether a scenario run against a ``kind`` target of ``version`` shows this deviation."""
        if self.target == "emulator":
            return kind == "emulator"
        return kind == "magento" and self.concerns_version(version)

    def covers(self, kind: str, path: str, context: str, operation: str) -> bool:
        return any(m.covers(kind, path, context, operation, self.operation) for m in self.matches)


def _entry(raw: Any, where: str) -> Deviation:
    if not isinstance(raw, dict):
        raise DeviationError(f"{where}: an entry must be a mapping")
    missing = [k for k in _REQUIRED if not raw.get(k)]
    if missing:
        raise DeviationError(f"{where} ({raw.get('id', '?')}): missing {', '.join(missing)}")
    versions = raw["versions"]
    if isinstance(versions, str):
        versions = [versions]
    target = str(raw.get("target", "emulator"))
    if target not in ("emulator", "magento"):
        raise DeviationError(f"{where} ({raw['id']}): target must be emulator or magento")
    matches = []
    for m in raw.get("match") or []:
        if not isinstance(m, dict) or not set(m) <= {"kind", "path", "context", "operation"}:
            raise DeviationError(f"{where} ({raw['id']}): match entries take kind, path, context, operation")
        if m.get("kind", "*") not in (*KINDS, "*"):
            raise DeviationError(f"{where} ({raw['id']}): unknown kind {m.get('kind')!r}")
        matches.append(Match(**{k: str(v) for k, v in m.items()}))
    return Deviation(id=str(raw["id"]), operation=str(raw["operation"]), differs=str(raw["differs"]).strip(),
                     evidence=str(raw["evidence"]).strip(), versions=tuple(str(v) for v in versions),
                     target=target, matches=tuple(matches))


class Deviations:
    def __init__(self, entries: Iterable[Deviation] = ()) -> None:
        self.entries = {e.id: e for e in entries}

    @classmethod
    def load(cls, path: str | Path = DEVIATIONS) -> Deviations:
        path = Path(path)
        if not path.exists():
            return cls()
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(raw, list):
            raise DeviationError(f"{path}: expected a list of entries")
        entries = [_entry(item, f"{path.name}[{n}]") for n, item in enumerate(raw)]
        ids = [e.id for e in entries]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise DeviationError(f"{path}: duplicate ids {duplicates}")
        return cls(entries)

    def get(self, deviation_id: str) -> Deviation:
        if deviation_id not in self.entries:
            raise DeviationError(f"no deviation {deviation_id!r} in deviations.yaml")
        return self.entries[deviation_id]

    def __iter__(self) -> Any:
        return iter(self.entries.values())

    def for_diff(self, version: str) -> list[Deviation]:
        """Entries that explain differences from a recording of Magento ``version``."""
        return [e for e in self.entries.values() if e.concerns_version(version)
                and any(m.kind != "schema" for m in e.matches)]

    def markdown(self) -> str:
        """The README's deviations section body, generated from the file."""
        lines = ["| id | operation | what differs | evidence | Magento versions |", "|---|---|---|---|---|"]
        for e in sorted(self.entries.values(), key=lambda e: e.id):
            cells = [f"`{e.id}`", f"`{e.operation}`", e.differs, e.evidence, ", ".join(e.versions)]
            lines.append("| " + " | ".join(c.replace("\n", " ").replace("|", "\\|") for c in cells) + " |")
        return "\n".join(lines)
