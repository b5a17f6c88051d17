"""Reading a pack file and writing it into the emulator: validated first, then every REST call of
the pack in one SQLite transaction, so a pack that fails half-way leaves nothing behind."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from fake_magento.packs.apply import PackApplyError, PackWriter, RestCallError
from fake_magento.packs.schema import PackError, validate


def read_pack(source: str | Path) -> dict[str, Any]:
    """A pack file (YAML or JSON) parsed and validated, its defaults filled in."""
    path = Path(source)
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise PackError([f"{path}: {exc.strerror or exc}"]) from exc
    return parse_pack(text, str(path))


def parse_pack(text: str, name: str = "pack") -> dict[str, Any]:
    """A pack from YAML or JSON text (JSON is YAML), validated."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PackError([f"{name}: not YAML or JSON: {exc}"]) from exc
    return validate(data)


class _InProcessCaller:
    """Magento REST calls through the app's own router (Flask test client), as the admin."""

    def __init__(self, app: Any) -> None:
        self.client = app.test_client()
        creds = app.extensions["fake_magento"].db.get_meta("credentials", {})
        answer = self.client.post("/rest/V1/integration/admin/token", json={
            "username": creds.get("admin_username"), "password": creds.get("admin_password")})
        if answer.status_code != 200:
            raise PackApplyError(f"no admin token: {answer.get_data(as_text=True)}")
        self.headers = {"Authorization": f"Bearer {answer.get_json()}"}

    def __call__(self, method: str, relative: str, body: Any = None, *, store: str | None = None,
                 params: list[tuple[str, str]] | None = None) -> Any:
        url = f"/rest/{store}/V1/{relative}" if store else f"/rest/V1/{relative}"
        answer = self.client.open(url, method=method, headers=self.headers, query_string=params or None,
                                  data=None if body is None else json.dumps(body),
                                  content_type="application/json")
        payload = answer.get_json(silent=True)
        if not 200 <= answer.status_code < 300:
            message = payload.get("message") if isinstance(payload, dict) else answer.get_data(as_text=True)
            for key, value in (payload.get("parameters") or {}).items() if isinstance(payload, dict) and \
                    isinstance(payload.get("parameters"), dict) else ():
                message = str(message).replace(f"%{key}", str(value))
            raise RestCallError(f"{method} /V1/{relative}: {answer.status_code} {message}")
        return payload


def apply_pack(app: Any, pack: dict[str, Any], *, prefix: str = "", keep_seeded: bool = False) -> dict[str, Any]:
    """Write a validated pack into the app's state in one transaction; the mapping of its refs to ids.
    ``keep_seeded`` makes the result what ``/_fake/reset`` restores."""
    backend = app.extensions["fake_magento"]
    caller = _InProcessCaller(app)
    try:
        with backend.db.write():
            mapping = PackWriter(caller, prefix).write(pack)
    finally:
        backend.invalidate_caches()
    if keep_seeded:
        backend.keep_seeded()
    return mapping
