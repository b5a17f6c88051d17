"""Shared helpers for the OpenAPI tests: the committed spec and the cut script as a module."""
from __future__ import annotations

import importlib.util
import json
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
