"""Recording scenario interactions, normalised so that two targets can be compared.

What differs between two runs of the same scenario by nature is replaced:

- ids and increment ids become references, ``<int ref3>`` / ``<str ref3>``: the third distinct value
  met at that place (operation, JSON path and key) in that scenario. Two targets that behave alike
  give the same references, whatever their ids; the JSON type of the value is kept;
- dates become ``<datetime>`` / ``<date>``, tokens and masked cart ids ``<token>``;
- the run's unique prefix becomes ``<prefix>`` and the target's base URL ``<base_url>``;
- values a scenario names (``target.alias(value, "color option red")``: option ids it created)
  become ``<str color option red>``.

Store topology ids (``store_id``, ``website_id``, attribute set 4, ...) are the same on every
Magento with the reference topology and stay as they are.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contracts.client import Exchange

FORMAT = 1

# Keys whose values identify stored rows (so differ between targets).
_ID_KEY = re.compile(r"^(id|ids|entity_id|increment_id|value_index|default_billing|default_shipping)$"
                     r"|_(id|ids|increment_id)$")
# Ids that belong to the shared store topology or to Magento's fixed tables: compared as values.
TOPOLOGY_KEYS = frozenset({
    "store_id", "website_id", "website_ids", "group_id", "store_group_id", "default_store_id",
    "default_group_id", "root_category_id", "attribute_set_id", "tax_class_id", "customer_group_id",
    "customer_tax_class_id", "stock_id", "region_id", "country_id", "source_id", "payment_id",
    "customer_is_guest", "is_default", "entity_type_id", "disable_auto_group_change",
})
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:?\d{2}|Z)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_JWT = re.compile(r"^eyJ[\w-]+\.[\w-]+\.[\w-]+$")
_TOKEN = re.compile(r"^[a-zA-Z0-9]{32}$")
_STATIC_VERSION = re.compile(r"/static/version\d+/")
# Lists of ids under names that do not say so.
ID_LIST_KEYS = frozenset({"configurable_product_links", "product_ids", "category_ids"})
NAMING_KEYS = ("attribute_code", "key", "code")
# Where a value the scenario named with target.alias() may appear (a custom attribute's option id).
ALIASED_KEYS = frozenset({"value", "value_index"})
# Lists that are sets: a configurable attribute's values, a configurable's children.
UNORDERED_KEYS = frozenset({"values", "configurable_product_links"})


def naming_key(items: list[Any]) -> str | None:
    """The key that names each object of a list (compared by that name, not by position)."""
    if not items or not all(isinstance(i, dict) for i in items):
        return None
    for key in NAMING_KEYS:
        names = [i.get(key) for i in items]
        if all(isinstance(n, str) for n in names) and len(set(names)) == len(names):
            return key
    return None


def type_name(value: Any) -> str:
    """The JSON type of a raw or normalised value (a reference keeps its original type)."""
    if isinstance(value, str):
        if value.startswith("<int "):
            return "integer"
        if value.startswith("<float"):
            return "number"
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "array"
    return "object"


@dataclass
class Normaliser:
    """Replaces the run-specific values of one scenario's exchanges (one instance per scenario)."""

    prefix: str
    base_url: str
    aliases: dict[str, str] = field(default_factory=dict)
    refs: dict[str, dict[str, int]] = field(default_factory=dict)

    def ref(self, place: str, value: Any) -> str:
        table = self.refs.setdefault(place, {})
        key = json.dumps(value)
        if key not in table:
            table[key] = len(table) + 1
        return f"<{'int' if isinstance(value, int) else 'str'} ref{table[key]}>"

    def text(self, value: str) -> str:
        if _DATETIME.match(value):
            return "<datetime>"
        if _DATE.match(value):
            return "<date>"
        if _JWT.match(value) or (_TOKEN.match(value) and not value.isdigit()):
            return "<token>"
        if self.base_url:
            value = value.replace(self.base_url, "<base_url>")
        value = _STATIC_VERSION.sub("/static/<version>/", value)
        if self.prefix:
            value = re.sub(re.escape(self.prefix), "<prefix>", value, flags=re.IGNORECASE)
        return value

    def value(self, value: Any, place: str, key: str | None, topology: bool = False) -> Any:
        if key in ALIASED_KEYS and isinstance(value, str | int) and not isinstance(value, bool) \
                and str(value) in self.aliases:
            return f"<{'int' if isinstance(value, int) else 'str'} {self.aliases[str(value)]}>"
        if isinstance(value, dict):
            if _is_id_filter(value):
                value = dict(value, value=self.ref(f"{place} filter {value['field']}", value["value"]))
            if _is_id_parameter(value):
                value = dict(value, fieldValue=self.ref(f"{place} parameter", value["fieldValue"]))
            return {k: self.value(v, f"{place}.{k}", k, topology) for k, v in value.items()}
        if isinstance(value, list):
            naming = naming_key(value)
            if naming:
                return [self.value(v, f"{place}[{v[naming]}]", key, topology) for v in value]
            if key in ID_LIST_KEYS and not topology:
                items = [self.ref(place + "[]", v) if _is_id_scalar(v) else v for v in value]
            else:
                items = [self.value(v, f"{place}[]", key, topology) for v in value]
            # sets that Magento returns in no stable order
            return sorted(items, key=json.dumps) if key in UNORDERED_KEYS else items
        if (key is not None and not topology and key not in TOPOLOGY_KEYS and _ID_KEY.search(key)
                and not isinstance(value, bool) and (isinstance(value, int) or isinstance(value, str) and value)):
            return self.ref(place, value)
        if isinstance(value, str):
            return self.text(value)
        return value

    def body(self, exchange: Exchange) -> Any:
        place = exchange.operation
        body = exchange.body
        if exchange.method in ("POST", "PUT") and _is_id_scalar(body):
            # action endpoints answer the new entity's id (a number or a digit string)
            return self.ref(place + " -> id", body)
        # the store topology (/V1/store/...) is the same on every reference install: ids stay
        return self.value(body, place, None, topology=exchange.template.startswith("/V1/store/"))

    def path(self, exchange: Exchange) -> dict[str, str]:
        return {name: self.ref(f"{exchange.operation} {{{name}}}", value) if value.isdigit()
                else self.text(value) for name, value in exchange.path_values.items()}


def _is_id_filter(node: dict[str, Any]) -> bool:
    """A searchCriteria filter echoed back whose field is an id (``order_id eq 31``)."""
    field = node.get("field")
    return (isinstance(field, str) and "value" in node and field not in TOPOLOGY_KEYS
            and bool(_ID_KEY.search(field)) and isinstance(node["value"], str | int) and node["value"] != "")


def _is_id_parameter(node: dict[str, Any]) -> bool:
    """An error's ``fieldName``/``fieldValue`` pair naming an id (``customerId = 6``)."""
    name = node.get("fieldName")
    return isinstance(name, str) and "fieldValue" in node and (name == "id" or name.endswith("Id"))


def _is_id_scalar(body: Any) -> bool:
    if isinstance(body, bool):
        return False
    return isinstance(body, int) or isinstance(body, str) and body.isdigit()


@dataclass
class Interaction:
    context: str
    occurrence: int
    operation: str
    store: str | None
    auth: str
    status: int
    body: Any
    path_values: dict[str, str]
    query: list[tuple[str, str]]
    request_body: Any

    @property
    def key(self) -> tuple[str, str, str, int]:
        return (self.context, self.operation, self.store or "", self.occurrence)

    def to_json(self) -> dict[str, Any]:
        return {"context": self.context, "occurrence": self.occurrence, "operation": self.operation,
                "store": self.store, "auth": self.auth, "path_values": self.path_values,
                "query": [list(pair) for pair in self.query], "request_body": self.request_body,
                "status": self.status, "body": self.body}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Interaction:
        return cls(context=data["context"], occurrence=int(data["occurrence"]), operation=data["operation"],
                   store=data.get("store"), auth=data.get("auth", ""), status=int(data["status"]),
                   body=data.get("body"), path_values=dict(data.get("path_values") or {}),
                   query=[(str(k), str(v)) for k, v in data.get("query") or []],
                   request_body=data.get("request_body"))


@dataclass
class Recording:
    meta: dict[str, Any]
    interactions: list[Interaction]

    def save(self, path: str | Path) -> None:
        data = {"format": FORMAT, "meta": self.meta, "interactions": [i.to_json() for i in self.interactions]}
        Path(path).write_text(json.dumps(data, indent=1, sort_keys=False, ensure_ascii=False) + "\n",
                              encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Recording:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"{path}: not a magento-contracts recording (format {data.get('format')!r})")
        return cls(meta=dict(data.get("meta") or {}),
                   interactions=[Interaction.from_json(i) for i in data.get("interactions") or []])

    @property
    def operations(self) -> set[str]:
        return {i.operation for i in self.interactions}


class Recorder:
    """An observer of the target's clients: normalises and keeps every exchange of the run."""

    def __init__(self, prefix: str, base_url: str, meta: dict[str, Any] | None = None,
                 aliases: dict[str, str] | None = None) -> None:
        self.prefix, self.base_url = prefix, base_url
        self.aliases = aliases if aliases is not None else {}
        self.meta = dict(meta or {})
        self.context = "session"
        self.paused = False
        self.interactions: list[Interaction] = []
        self._normalisers: dict[str, Normaliser] = {}
        self._counts: dict[tuple[str, str, str], int] = {}

    def __call__(self, exchange: Exchange) -> None:
        if self.paused:
            return
        norm = self._normalisers.setdefault(self.context, Normaliser(self.prefix, self.base_url, self.aliases))
        count_key = (self.context, exchange.operation, norm.text(exchange.store or ""))
        self._counts[count_key] = self._counts.get(count_key, 0) + 1
        request_body = norm.value(exchange.request_body, "request", None) if exchange.request_body else None
        self.interactions.append(Interaction(
            context=self.context, occurrence=self._counts[count_key], operation=exchange.operation,
            store=norm.text(exchange.store) if exchange.store else None, auth=exchange.auth, status=exchange.status, body=norm.body(exchange),
            path_values=norm.path(exchange), query=[(k, norm.text(v)) for k, v in exchange.query],
            request_body=request_body))

    def recording(self) -> Recording:
        meta = dict(self.meta, recorded_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
                    interactions=len(self.interactions))
        return Recording(meta=meta, interactions=list(self.interactions))


def contexts(recording: Recording, keep: Callable[[str], bool]) -> Recording:
    return Recording(recording.meta, [i for i in recording.interactions if keep(i.context)])
