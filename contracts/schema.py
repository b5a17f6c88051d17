"""Responses checked against the contract (``openapi/magento-admin-rest.json``, Swagger 2.0).

Swagger 2.0 schemas are JSON Schema draft 4 plus ``x-nullable``; the validator turns ``x-nullable``
into a type that admits ``null`` and checks each response against the schema declared for its
status code (or ``default``). Operations are found by method and path shape, parameter names aside
(the contract uses the emulator's names, ``{productSku}``, where a scenario may write ``{sku}``).
"""
from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator
from jsonschema.exceptions import ValidationError

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT / "openapi" / "magento-admin-rest.json"
_PARAM = re.compile(r"\{[^}]+\}")
METHODS = ("get", "post", "put", "delete", "patch")


def shape(path: str) -> str:
    """``/V1/products/{sku}/media/{entryId}`` -> ``/V1/products/{}/media/{}``."""
    return _PARAM.sub("{}", path)


def _nullable(node: Any) -> Any:
    if isinstance(node, list):
        return [_nullable(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _nullable(value) for key, value in node.items() if key != "x-nullable"}
    if node.get("x-nullable"):
        if "$ref" in out:
            return {"anyOf": [{"$ref": out["$ref"]}, {"type": "null"}]}
        kind = out.get("type")
        if isinstance(kind, str):
            out["type"] = [kind, "null"]
        elif kind is None and "enum" not in out:
            pass  # no type: anything, null included
    return out


def _without_required(node: Any) -> Any:
    if isinstance(node, list):
        return [_without_required(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {key: _without_required(value) for key, value in node.items()
            if not (key == "required" and isinstance(value, list))}


@dataclass(frozen=True)
class Violation:
    operation: str
    status: int
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.operation} {self.status}: {self.where}: {self.message}"


class Contract:
    """The OpenAPI contract: operations by shape, and one validator per response schema."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.schema_root = _nullable({"definitions": spec.get("definitions", {})})
        self._validators: dict[str, Draft4Validator] = {}

    @classmethod
    def load(cls, path: Path = CONTRACT) -> Contract:
        return cls(json.loads(path.read_text(encoding="utf-8")))

    @cached_property
    def operations(self) -> dict[tuple[str, str], tuple[str, dict[str, Any]]]:
        """(METHOD, shape) -> (the contract's path, its operation object)."""
        found: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
        for path, item in self.spec.get("paths", {}).items():
            for method in METHODS:
                if method in item:
                    found[(method.upper(), shape(path))] = (path, item[method])
        return found

    def find(self, method: str, template: str) -> tuple[str, dict[str, Any]] | None:
        return self.operations.get((method.upper(), shape(template)))

    def match(self, method: str, concrete: str) -> str | None:
        """The contract path a concrete (encoded) path calls; literal segments beat parameters."""
        segments = concrete.strip("/").split("/")
        best: tuple[int, str] | None = None
        for (verb, _), (path, _op) in self.operations.items():
            if verb != method.upper():
                continue
            parts = path.strip("/").split("/")
            if len(parts) != len(segments):
                continue
            score = 0
            for part, seg in zip(parts, segments, strict=True):
                if part.startswith("{"):
                    continue
                if part != seg:
                    break
                score += 1
            else:
                if best is None or score > best[0]:
                    best = (score, path)
        return best[1] if best else None

    def _validator(self, schema: dict[str, Any], check_required: bool = True) -> Draft4Validator:
        key = json.dumps(schema, sort_keys=True) + str(check_required)
        if key not in self._validators:
            root = copy.copy(self.schema_root if check_required else _without_required(self.schema_root))
            root.update(_nullable(schema))
            self._validators[key] = Draft4Validator(root)
        return self._validators[key]

    def response_schema(self, method: str, template: str, status: int) -> dict[str, Any] | None:
        found = self.find(method, template)
        if found is None:
            return {"$ref": "#/definitions/error-response"} if status >= 400 else None
        responses = found[1].get("responses", {})
        entry = responses.get(str(status)) or responses.get("default")
        if entry is None:
            return None
        schema = entry.get("schema")
        return schema if isinstance(schema, dict) else None

    def has_status(self, method: str, template: str, status: int) -> bool:
        found = self.find(method, template)
        if found is None:
            return True
        responses = found[1].get("responses", {})
        return str(status) in responses or "default" in responses

    def validate(self, method: str, template: str, status: int, body: Any,
                 check_required: bool = True) -> list[Violation]:
        operation = f"{method.upper()} {template}"
        if not self.has_status(method, template, status):
            return [Violation(operation, status, "status", f"status {status} is not documented")]
        schema = self.response_schema(method, template, status)
        if schema is None:
            return []
        errors: list[ValidationError] = sorted(self._validator(schema, check_required).iter_errors(body),
                                               key=lambda e: list(e.absolute_path))
        return [Violation(operation, status, ".".join(str(p) for p in e.absolute_path) or "(root)",
                          e.message[:300]) for e in errors[:5]]
