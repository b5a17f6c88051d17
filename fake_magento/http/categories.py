"""categories routes (placeholder until its issue lands)."""
from __future__ import annotations

from fake_magento.http.routing import Routes

routes = Routes()
