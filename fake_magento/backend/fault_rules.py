"""Fault rules as written by people: a JSON or YAML object per rule, checked field by field.

The same shape is posted to ``/_fake/faults`` and listed in the file ``serve --faults FILE`` reads
(README, "Faults and the journal"). An impossible value is refused with the field it is in, so
``{"path": "/V1/orders", "times": -1}`` fails as ``times: must be a whole number of at least 1, not
-1`` and nothing is added.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from fake_magento.backend.faults import (
    CALLER_KINDS,
    KINDS,
    LATENCY,
    MALFORMED_JSON,
    MASKED_500,
    RATE_LIMIT,
    STATUS,
    FaultRule,
)

FIELDS = ("path", "kind", "method", "store", "auth", "times", "nth", "every", "probability", "seed",
          "delay_ms", "retry_after", "status", "body")
METHODS = ("GET", "POST", "PUT", "DELETE")
MAX_DELAY_MS = 600_000          # ten minutes: longer than any client's timeout
DEFAULT_RETRY_AFTER = 1         # seconds; null sends no Retry-After


class FaultRuleError(ValueError):
    """A rule that cannot be: names the field (``faults[2].times``) and what is wrong with it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


def parse_rules(data: Any, where: str = "") -> list[FaultRule]:
    """One rule (an object with ``path``), a list of rules, or ``{"faults": [...]}``; all or nothing."""
    if isinstance(data, dict) and "path" not in data and "faults" in data:
        if set(data) != {"faults"}:
            extra = min(set(data) - {"faults"})
            raise FaultRuleError(_at(where, extra), "unknown field beside faults")
        return parse_rules(data["faults"], _at(where, "faults"))
    if isinstance(data, list):
        return [parse_rule(item, f"{where or 'faults'}[{i}]") for i, item in enumerate(data)]
    return [parse_rule(data, where)]


def parse_rule(data: Any, where: str = "") -> FaultRule:
    if not isinstance(data, dict):
        raise FaultRuleError(where, "a fault rule is an object such as "
                                    '{"path": "/V1/orders*", "kind": "masked_500", "times": 1}')
    for key in data:
        if key not in FIELDS:
            raise FaultRuleError(_at(where, str(key)), f"unknown field; known: {', '.join(FIELDS)}")

    def at(name: str) -> str:
        return _at(where, name)

    path = data.get("path")
    if not isinstance(path, str) or not path:
        raise FaultRuleError(at("path"), "required: an fnmatch pattern on the path after "
                                         "/rest[/<store>], such as /V1/orders*")
    kind = _kind(data, at)
    counts = {name: _whole(data.get(name), at(name), minimum=1) for name in ("times", "nth", "every")}
    probability = _probability(data.get("probability"), at("probability"))
    triggers = [name for name in ("nth", "every", "probability") if data.get(name) is not None]
    if len(triggers) > 1:
        raise FaultRuleError(at(triggers[1]), f"choose one of nth, every and probability (also {triggers[0]})")
    seed = _whole(data.get("seed", 0), at("seed"), minimum=None) or 0
    delay = _delay(data.get("delay_ms", 0), at("delay_ms"))
    if kind == LATENCY and "delay_ms" not in data:
        raise FaultRuleError(at("delay_ms"), "required for kind latency: milliseconds, or [low, high]")
    retry_after = _retry_after(data, kind, at)
    status = _status(data, kind, at)
    body = _body(data, kind, at)
    return FaultRule(
        path=path, kind=kind, methods=_methods(data.get("method", "*"), at("method")),
        stores=_names(data.get("store"), at("store"), None), callers=_names(data.get("auth"), at("auth"), CALLER_KINDS),
        times=counts["times"], nth=counts["nth"], every=counts["every"], probability=probability, seed=seed,
        delay_ms=delay, retry_after=retry_after, status=status, body=body)


def load_rules(path: str | Path) -> list[FaultRule]:
    """The rules in a JSON (``.json``) or YAML file: a list of rules or ``{"faults": [...]}``."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise FaultRuleError("", f"{file}: cannot be read ({exc.strerror or exc})") from None
    try:
        data = json.loads(text) if file.suffix.lower() == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise FaultRuleError("", f"{file}: not valid {'JSON' if file.suffix.lower() == '.json' else 'YAML'} "
                                 f"({first})") from None
    if data is None:
        return []
    try:
        return parse_rules(data)
    except FaultRuleError as exc:
        raise FaultRuleError(exc.field, f"{exc.message} (in {file})") from None


def _at(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def _kind(data: dict[str, Any], at: Any) -> str:
    if "kind" not in data:
        # The first form of these rules had no kind: a status (500 by default) and maybe a body.
        # 500 without a body is Magento's masked 500, 200 without one only waits (delay_ms).
        status, body = data.get("status", 500), data.get("body")
        if body is None and status == 500:
            return MASKED_500
        if body is None and status == 200:
            return LATENCY
        return STATUS
    kind = data["kind"]
    if kind not in KINDS:
        raise FaultRuleError(at("kind"), f"must be one of {', '.join(KINDS)}, not {json.dumps(kind)}")
    return str(kind)


def _whole(value: Any, field: str, minimum: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise FaultRuleError(field, f"must be a whole number, not {json.dumps(value)}")
    if minimum is not None and value < minimum:
        raise FaultRuleError(field, f"must be a whole number of at least {minimum}, not {value}")
    return value


def _probability(value: Any, field: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise FaultRuleError(field, f"must be a number from 0 to 1, not {json.dumps(value)}")
    return float(value)


def _delay(value: Any, field: str) -> int | tuple[int, int]:
    if isinstance(value, list):
        if len(value) != 2:
            raise FaultRuleError(field, f"a range is [low, high], not {json.dumps(value)}")
        low, high = (_millis(v, field) for v in value)
        if low > high:
            raise FaultRuleError(field, f"a range is [low, high] with low <= high, not {json.dumps(value)}")
        return (low, high)
    return _millis(value, field)


def _millis(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DELAY_MS:
        raise FaultRuleError(field, f"must be whole milliseconds from 0 to {MAX_DELAY_MS}, not {json.dumps(value)}")
    return value


def _methods(value: Any, field: str) -> tuple[str, ...]:
    values = value if isinstance(value, list) and value else [value]
    out = []
    for item in values:
        method = item.upper() if isinstance(item, str) else item
        if method != "*" and method not in METHODS:
            raise FaultRuleError(field, f"must be * or one of {', '.join(METHODS)} (or a list), not {json.dumps(item)}")
        out.append(method)
    return tuple(out)


def _names(value: Any, field: str, known: tuple[str, ...] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    values = value if isinstance(value, list) and value else [value]
    for item in values:
        if not isinstance(item, str) or not item or (known is not None and item not in known):
            expected = f"one of {', '.join(known)}" if known else "a store code as in the URL, such as default, de or all"
            raise FaultRuleError(field, f"must be {expected} (or a list), not {json.dumps(item)}")
    return tuple(values)


def _retry_after(data: dict[str, Any], kind: str, at: Any) -> int | None:
    if kind != RATE_LIMIT:
        if data.get("retry_after") is not None:
            raise FaultRuleError(at("retry_after"), f"only for kind rate_limit, not {kind}")
        return None
    if "retry_after" not in data:
        return DEFAULT_RETRY_AFTER
    return _whole(data["retry_after"], at("retry_after"), minimum=0)


def _status(data: dict[str, Any], kind: str, at: Any) -> int | None:
    if data.get("status") is None:   # absent, or null as a listed rule shows it
        return 500 if kind == STATUS else None
    value = data["status"]
    if isinstance(value, bool) or not isinstance(value, int) or not 100 <= value <= 599:
        raise FaultRuleError(at("status"), f"must be an HTTP status from 100 to 599, not {json.dumps(value)}")
    if "kind" in data and kind != STATUS:
        raise FaultRuleError(at("status"), f"only for kind status, not {kind}")
    return value if kind == STATUS else None


def _body(data: dict[str, Any], kind: str, at: Any) -> Any:
    if "body" not in data or data["body"] is None:
        return {} if kind == STATUS else None
    if kind == MALFORMED_JSON:
        if not isinstance(data["body"], str):
            raise FaultRuleError(at("body"), "for kind malformed_json, the text sent as the body")
        return data["body"]
    if kind != STATUS:
        raise FaultRuleError(at("body"), f"only for kinds status and malformed_json, not {kind}")
    return data["body"]
