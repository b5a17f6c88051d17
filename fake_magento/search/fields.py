"""``fields`` partial responses (placeholder until the search issue lands)."""
from __future__ import annotations

from typing import Any


def apply_fields(data: Any, fields: Any) -> Any:
    return data
