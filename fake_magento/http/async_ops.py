"""/async and /async/bulk scheduling (placeholder until the bulk work lands)."""
from __future__ import annotations

from typing import Any

from fake_magento.errors import no_route
from fake_magento.http.request import RestRequest
from fake_magento.http.routing import Route


def schedule(req: RestRequest, route: Route, *, bulk: bool) -> tuple[Any, int]:
    raise no_route()
