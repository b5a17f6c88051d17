"""categories area (placeholder until its issue lands)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fake_magento.backend import Backend


class CategoryService:
    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.db = backend.db
