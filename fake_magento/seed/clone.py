"""Row templates for bulk seeding: rows read once, then written many times with new ids and values.

A ``RowTemplate`` marks the values of a stored row (its columns and its JSON ``doc``) that change
from one copy to the next as *slots*, chosen by a rule from the key's name and where it sits (an
order's ``entity_id`` is an order id, its billing address's ``entity_id`` an order address id).
A ``GroupTemplate`` (an order with its items and documents, say) numbers the distinct slots of its
rows and turns each JSON text into a format string, so a copy resolves each slot once and writes
each document with one ``str.format`` call instead of a parse, a walk and a dump.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

Slot = tuple[Any, ...]
Rule = Callable[[str, str, Any, dict[str, Any]], "Slot | None"]
_MARK = re.compile(r'"\\u0001(\d+)\\u0001"')


def encode(value: Any) -> str:
    """json.dumps for one slot value, with fast paths for ints, None and plain ASCII strings."""
    if value is None:
        return "null"
    if type(value) is int:
        return str(value)
    if type(value) is str and value.isascii() and value.isprintable() and '"' not in value and "\\" not in value:
        return f'"{value}"'
    return json.dumps(value)


class RowTemplate:
    """One stored row: its columns in table order; ``doc`` (a JSON column) with slots inside."""

    def __init__(self, table: str, row: dict[str, Any], context: str, rule: Rule,
                 children: dict[tuple[str, str], str], doc_column: str = "doc") -> None:
        self.table = table
        self.slots: list[Slot] = []
        self.columns = list(row)
        self.specs: list[tuple[str, Any]] = []
        for column, value in row.items():
            if column == doc_column:
                self.specs.append(("doc", None))
                continue
            slot = rule(context, column, value, row)
            self.specs.append(("slot", self._slot(slot)) if slot is not None else ("const", value))
        self.doc_text = ""
        if row.get(doc_column):
            self.doc_text = json.dumps(_mark(json.loads(row[doc_column]), context, rule, children, self))
        self.sql = (f'INSERT INTO "{table}" ({", ".join(self.columns)}) VALUES '
                    f'({", ".join("?" for _ in self.columns)})')
        self.doc_format = ""
        self.constants: list[Any] = []
        self.slot_columns: list[tuple[int, int]] = []
        self.doc_position: int | None = None

    def _slot(self, slot: Slot) -> int:
        self.slots.append(slot)
        return len(self.slots) - 1

    def compile(self, index: dict[Slot, int]) -> None:
        """Refer to the group's numbering of slots: the doc becomes a format string over it, and the
        columns a list of constants with the positions the slots (and the doc) fill."""
        escaped = self.doc_text.replace("{", "{{").replace("}", "}}")
        self.doc_format = _MARK.sub(lambda m: f"{{{index[self.slots[int(m.group(1))]]}}}", escaped)
        self.constants = [v if kind == "const" else None for kind, v in self.specs]
        self.slot_columns = [(pos, index[self.slots[v]]) for pos, (kind, v) in enumerate(self.specs) if kind == "slot"]
        self.doc_position = next((pos for pos, (kind, _) in enumerate(self.specs) if kind == "doc"), None)

    def render(self, raw: list[Any], encoded: list[str]) -> tuple[Any, ...]:
        values = self.constants.copy()
        for pos, slot in self.slot_columns:
            values[pos] = raw[slot]
        if self.doc_position is not None:
            values[self.doc_position] = self.doc_format.format(*encoded)
        return tuple(values)


class GroupTemplate:
    """Rows copied together; ``slots`` are their distinct slots, in a fixed order."""

    def __init__(self, rows: list[RowTemplate]) -> None:
        self.rows = rows
        self.slots = list(dict.fromkeys(s for r in rows for s in r.slots))
        index = {s: i for i, s in enumerate(self.slots)}
        for row in rows:
            row.compile(index)

    def render(self, raw: list[Any]) -> list[tuple[RowTemplate, tuple[Any, ...]]]:
        encoded = [encode(v) for v in raw]
        return [(row, row.render(raw, encoded)) for row in self.rows]


def _mark(value: Any, context: str, rule: Rule, children: dict[tuple[str, str], str], template: RowTemplate) -> Any:
    if isinstance(value, list):
        return [_mark(v, context, rule, children, template) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        if isinstance(item, (dict, list)):
            out[key] = _mark(item, children.get((context, key), context), rule, children, template)
            continue
        slot = rule(context, key, item, value)
        out[key] = f"\x01{template._slot(slot)}\x01" if slot is not None else item
    return out
