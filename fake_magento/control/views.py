"""Control plane for tests: health, reset, seed, state export/import, journal, faults, clock."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, request

from fake_magento.backend.clock import parse_stamp
from fake_magento.backend.faults import FaultRule

bp = Blueprint("fake_control", __name__, url_prefix="/_fake")


def _backend() -> Any:
    return current_app.extensions["fake_magento"]


def _body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else {}


def _bad(message: str, status: int = 400) -> Any:
    return jsonify({"error": message}), status


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
    body = _body()
    try:
        seed_value = int(body.get("seed", backend.seeding.seed))
    except (TypeError, ValueError):
        return _bad("seed must be an integer")
    profile = str(body.get("profile", backend.seeding.profile))
    from fake_magento.seed import PROFILES
    from fake_magento.seed.lifecycle import seed_state

    if profile not in PROFILES:
        return _bad(f"unknown profile {profile!r}; known: {', '.join(sorted(PROFILES))}")
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
    limit = request.args.get("limit", type=int)
    return jsonify({"entries": _backend().journal.entries(limit)})


@bp.delete("/journal")
def clear_journal() -> Any:
    _backend().journal.clear()
    return jsonify({"status": "cleared"})


@bp.get("/faults")
def faults() -> Any:
    return jsonify({"faults": _backend().faults.rules()})


@bp.post("/faults")
def add_fault() -> Any:
    body = _body()
    if not isinstance(body.get("path"), str):
        return _bad("path (an fnmatch pattern such as /V1/orders*) is required")
    try:
        rule = FaultRule(path=body["path"], method=str(body.get("method", "*")).upper(),
                         status=int(body.get("status", 500)), body=body.get("body"),
                         delay_ms=int(body.get("delay_ms", 0)),
                         times=None if body.get("times") is None else int(body["times"]))
    except (TypeError, ValueError):
        return _bad("status, delay_ms and times must be integers")
    _backend().faults.add(rule)
    return jsonify({"status": "added"}), 201


@bp.delete("/faults")
def clear_faults() -> Any:
    _backend().faults.clear()
    return jsonify({"status": "cleared"})


@bp.get("/clock")
def clock() -> Any:
    return jsonify(_backend().clock.state())


@bp.post("/clock")
def set_clock() -> Any:
    """{"freeze": true|false, "set": "YYYY-MM-DD HH:MM:SS" | epoch, "advance": seconds}."""
    clock = _backend().clock
    body = _body()
    try:
        if "set" in body:
            value = body["set"]
            clock.set(parse_stamp(value) if isinstance(value, str) else float(value))
        if "advance" in body:
            clock.advance(float(body["advance"]))
        if body.get("freeze") is True:
            clock.freeze()
        elif body.get("freeze") is False:
            clock.unfreeze()
        if body.get("reset"):
            clock.reset()
    except (TypeError, ValueError):
        return _bad('set takes "YYYY-MM-DD HH:MM:SS" or epoch seconds; advance takes seconds')
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
    body = _body()
    ran = 0
    if body.get("hold") is True:
        backend.bulk.set_hold(True)
    elif body.get("hold") is False:
        backend.bulk.set_hold(False)
        ran += backend.bulk.run_open()
    if body.get("run") is True:
        ran += backend.bulk.run_open()
    return jsonify({"hold": backend.bulk.hold, "ran": ran})
