"""Shared helpers for the OpenAPI tests: the committed spec and the cut script as a module."""
from __future__ import annotations

import importlib.util
import json
import logging
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi" / "magento-admin-rest.json"


def load_spec() -> dict[str, Any]:
    return json.loads(SPEC_PATH.read_text(encoding="utf-8"))


def load_cut() -> Any:
    """openapi/cut.py, imported by path (``openapi/`` is not a package)."""
    spec = importlib.util.spec_from_file_location("fake_magento_openapi_cut", ROOT / "openapi" / "cut.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def raw_uri_app(app: Any) -> Any:
    """The app behind a WSGI shim that puts the query string into REQUEST_URI/RAW_URI.

    Werkzeug's test client leaves the query out of REQUEST_URI when it is given separately
    (as schemathesis's WSGI transport does); real servers send the full request target, and the
    dispatcher reads the raw URI first, so without this the query would be lost.
    """
    def wsgi(environ: dict[str, Any], start_response: Any) -> Any:
        query = environ.get("QUERY_STRING")
        if query:
            for key in ("REQUEST_URI", "RAW_URI"):
                if key in environ and "?" not in environ[key]:
                    environ[key] = environ[key] + "?" + query
        return app(environ, start_response)

    return wsgi


class CrashLog(logging.Handler):
    """Report ids of unhandled exceptions (dispatch logs them; a deliberate InternalError is not logged).

    Magento itself answers a masked 500 in some places (e.g. an unknown filter field on a flat
    table, magento-semantics.md §1.2), and the emulator raises InternalError there on purpose.
    Such a 500 is Magento's behaviour, not a server error of the emulator; a crash is.
    """

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.report_ids: set[str] = set()
        logging.getLogger("fake_magento").addHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        self.report_ids.update(re.findall(r"webapi-[0-9a-f]+", record.getMessage()))

    def is_deliberate_500(self, status: int, body: str) -> bool:
        ids = re.findall(r"Report ID: (webapi-[0-9a-f]+)", body)
        return status == 500 and bool(ids) and ids[0] not in self.report_ids

    def close(self) -> None:
        logging.getLogger("fake_magento").removeHandler(self)
        super().close()


class Session:
    """One app (default profile) for a schemathesis module; every writing call starts from the seeded
    state (and a fresh admin token)."""

    def __init__(self) -> None:
        from tests.support import admin_token, make_app

        self.app = make_app(profile="default")
        self.wsgi = raw_uri_app(self.app)
        self.backend = self.app.extensions["fake_magento"]
        self.client = self.app.test_client()
        self.token = admin_token(self.client, self.backend)
        self.crashes = CrashLog()
        self.clean: tuple[Any, ...] | None = None  # the change token right after the last reset

    def reset(self) -> None:
        """Restore the seeded state, unless nothing was written since the last reset.

        Most generated writes are refused before they write (a negative case, an unknown id), and
        a reset then would restore the very rows already there: skip it while the database's change
        token (every commit, rollback or restore moves it: storage/db.py) has not moved. Measured
        on both schemathesis modules: 44 of 934 writing calls left the state changed."""
        from tests.support import admin_token

        if self.clean is not None and self.backend.db.change_token() == self.clean:
            return
        self.backend.reset()
        self.token = admin_token(self.client, self.backend)
        self.clean = self.backend.db.change_token()

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def close(self) -> None:
        self.backend.close()
        self.crashes.close()
