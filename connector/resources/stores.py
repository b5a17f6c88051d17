"""Stores: websites, groups, views and their configuration (base URLs, locale, currency)."""
from __future__ import annotations

from typing import Any

from connector.resources.base import Resource


class Stores(Resource[dict[str, Any]]):
    def websites(self) -> list[dict[str, Any]]:
        return list(self.requestor.get("store/websites") or [])

    def groups(self) -> list[dict[str, Any]]:
        return list(self.requestor.get("store/storeGroups") or [])

    def views(self) -> list[dict[str, Any]]:
        return list(self.requestor.get("store/storeViews") or [])

    def configs(self, codes: list[str] | None = None) -> list[dict[str, Any]]:
        params = [(f"storeCodes[{i}]", code) for i, code in enumerate(codes or [])]
        return list(self.requestor.request("GET", "store/storeConfigs", params=params) or [])

    def view(self, code: str) -> dict[str, Any] | None:
        return next((v for v in self.views() if v.get("code") == code), None)

    def config(self, code: str) -> dict[str, Any] | None:
        return next((c for c in self.configs([code]) if c.get("code") == code), None)
