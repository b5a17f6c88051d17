"""Control plane for tests: health, reset, seed, state export/import, journal, faults, clock."""
from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, current_app, jsonify, request

from fake_magento.backend.clock import parse_stamp
from fake_magento.backend.fault_rules import FaultRuleError, parse_rules

bp = Blueprint("fake_control", __name__, url_prefix="/_fake")


def _backend() -> Any:
    return current_app.extensions["fake_magento"]


def _body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else {}


def _bad(message: str, status: int = 400) -> Any:
    return jsonify({"error": message}), status


def _bad_field(field: str, message: str) -> Any:
    """A refused value: the message names the field, and so does ``field``."""
    text = message if not field or message.startswith(field) else f"{field}: {message}"
    return jsonify({"error": text, "field": field or None}), 400


class Refused(ValueError):
    """A control-plane body the route cannot take; answered 400 naming the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


@bp.errorhandler(Refused)
def refused(exc: Refused) -> Any:
    return _bad_field(exc.field, exc.message)


def _object(*allowed: str) -> dict[str, Any]:
    """The JSON object a route takes (no body: ``{}``); anything else, or a key it does not know, is refused."""
    if not request.get_data():
        return {}
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise Refused("", "the body is a JSON object")
    for key in data:
        if key not in allowed:
            raise Refused(str(key), f"unknown field; known: {', '.join(allowed)}")
    return data


def _typed(data: dict[str, Any], name: str, kind: str) -> Any:
    """``data[name]`` when it is a ``bool``, a ``whole`` number or a ``number`` (JSON's true is none of
    the numbers); None when absent."""
    value = data.get(name)
    if value is None:
        return None
    ok = isinstance(value, bool) if kind == "bool" else not isinstance(value, bool) and isinstance(
        value, int if kind == "whole" else (int, float))
    if not ok:
        expected = {"bool": "true or false", "whole": "a whole number", "number": "a number"}[kind]
        raise Refused(name, f"must be {expected}, not {json.dumps(value)}")
    return value


@bp.get("/health")
def health() -> Any:
    return jsonify({"status": "ok"})


@bp.post("/reset")
def reset() -> Any:
    _backend().reset()
    return jsonify({"status": "reset"})


@bp.post("/seed")
def seed() -> Any:
    backend = _backend()
    body = _object("seed", "profile")
    seed_value = _typed(body, "seed", "whole")
    seed_value = backend.seeding.seed if seed_value is None else seed_value
    profile = body.get("profile", backend.seeding.profile)
    from fake_magento.seed import PROFILES
    from fake_magento.seed.lifecycle import seed_state

    if profile not in PROFILES:
        raise Refused("profile", f"must be one of {', '.join(sorted(PROFILES))}, not {json.dumps(profile)}")
    seed_state(backend, seed=seed_value, profile=profile)
    backend.clock.reset()
    backend.journal.clear()
    return jsonify({"status": "seeded", "seed": seed_value, "profile": profile})


@bp.get("/state")
def export_state() -> Any:
    backend = _backend()
    state: dict[str, Any] = {"format": "fake-magento-state/1", "tables": backend.db.export_tables()}
    if backend.clock.is_set():  # wall time would make two exports of the same state differ
        state["clock"] = backend.clock.state()
    return jsonify(state)


@bp.put("/state")
@bp.post("/state")
def import_state() -> Any:
    backend = _backend()
    body = _body()
    tables = body.get("tables")
    if body.get("format") != "fake-magento-state/1" or not isinstance(tables, dict):
        return _bad("expected an export from GET /_fake/state")
    try:
        backend.db.import_tables(tables)
    except KeyError as exc:
        return _bad(f"unknown table {exc.args[0]!r}")
    except Exception as exc:  # noqa: BLE001 - the import is rolled back as one transaction
        return _bad(f"import rejected: {exc}")
    backend.invalidate_caches()
    return jsonify({"status": "imported"})


@bp.get("/journal")
def journal() -> Any:
    """The last requests (``?limit=N``: the last N), with the total recorded and the cap."""
    raw = request.args.get("limit")
    limit = None
    if raw is not None:
        if not raw.isdigit() or int(raw) < 1:
            return _bad_field("limit", f"must be a whole number of at least 1, not {raw!r}")
        limit = int(raw)
    entries = _backend().journal
    return jsonify({"entries": entries.entries(limit), "recorded": entries.recorded, "cap": entries.size})


@bp.delete("/journal")
def clear_journal() -> Any:
    _backend().journal.clear()
    return jsonify({"status": "cleared"})


@bp.get("/faults")
def faults() -> Any:
    return jsonify({"faults": _backend().faults.rules()})


@bp.post("/faults")
def add_fault() -> Any:
    """One rule, a list of rules or {"faults": [...]} (README, "Faults and the journal"); all or none."""
    data = request.get_json(silent=True)
    if data is None:
        return _bad_field("", 'the body is a JSON fault rule such as {"path": "/V1/orders*", "kind": '
                              '"masked_500", "times": 1}, a list of them, or {"faults": [...]}')
    try:
        rules = parse_rules(data)
    except FaultRuleError as exc:
        return _bad_field(exc.field, str(exc))
    added = _backend().faults.add(*rules)
    return jsonify({"status": "added", "faults": [r.to_dict() for r in added]}), 201


@bp.delete("/faults")
def clear_faults() -> Any:
    """Every rule goes, those of ``serve --faults`` too (``POST /_fake/reset`` brings those back)."""
    _backend().faults.remove_all()
    return jsonify({"status": "cleared"})


@bp.delete("/faults/<int:rule_id>")
def remove_fault(rule_id: int) -> Any:
    if not _backend().faults.remove(rule_id):
        return _bad(f"no fault rule {rule_id}", 404)
    return jsonify({"status": "removed", "id": rule_id})


@bp.get("/clock")
def clock() -> Any:
    return jsonify(_backend().clock.state())


@bp.post("/clock")
def set_clock() -> Any:
    """{"freeze": true|false, "set": "YYYY-MM-DD HH:MM:SS" | epoch, "advance": seconds}."""
    clock = _backend().clock
    body = _object("set", "freeze", "advance", "reset")
    stamp = body.get("set")
    if stamp is not None:
        try:
            moment = parse_stamp(stamp) if isinstance(stamp, str) else float(_typed(body, "set", "number"))
        except ValueError:
            raise Refused("set", f'must be "YYYY-MM-DD HH:MM:SS" or epoch seconds, not {json.dumps(stamp)}') from None
    advance, freeze, reset = _typed(body, "advance", "number"), _typed(body, "freeze", "bool"), \
        _typed(body, "reset", "bool")
    if stamp is not None:
        clock.set(moment)
    if advance is not None:
        clock.advance(float(advance))
    if freeze is True:
        clock.freeze()
    elif freeze is False:
        clock.unfreeze()
    if reset:
        clock.reset()
    return jsonify(clock.state())


@bp.get("/bulk")
def bulk_state() -> Any:
    backend = _backend()
    row = backend.db.one("SELECT COUNT(*) FROM magento_operation WHERE status=4")
    return jsonify({"hold": backend.bulk.hold, "open_operations": int(row[0]) if row else 0})


@bp.post("/bulk")
def bulk_control() -> Any:
    """{"hold": true} keeps new async operations open (status 4); {"run": true} runs open ones;
    {"hold": false} releases the hold and runs what was held."""
    backend = _backend()  # create_app installed the runner of open operations
    body = _object("hold", "run")
    hold, run = _typed(body, "hold", "bool"), _typed(body, "run", "bool")
    ran = 0
    if hold is True:
        backend.bulk.set_hold(True)
    elif hold is False:
        backend.bulk.set_hold(False)
        ran += backend.bulk.run_open()
    if run is True:
        ran += backend.bulk.run_open()
    return jsonify({"hold": backend.bulk.hold, "ran": ran})
